#!/usr/bin/env node
// The faultline-scenario command: a stable file for package managers to link at install time,
// before the build has written dist/ (the command itself is dist/cli.js).
import '../dist/cli.js';
