// Test helpers for servers built on @faultline/server-runtime: public as @faultline/server-runtime/testing.
export { type StartedServer, startServer } from './start-server';
