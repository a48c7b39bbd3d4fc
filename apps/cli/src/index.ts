#!/usr/bin/env node
import { processIo } from './io';
import { main } from './main';

// A closed pipe (`faultline catalog | head`) ends the output quietly, as other Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), processIo());
