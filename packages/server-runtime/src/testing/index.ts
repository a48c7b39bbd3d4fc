// Test helpers for servers built on @faultline/server-runtime: public as @faultline/server-runtime/testing.
export { type CommandLineExpectations, checkCommandLine, parseJsonLogLines } from './command-line-contract';
export { type StartedServer, startServer } from './start-server';
