#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` through the prepare script).
import { setFlagsFromString } from 'node:v8';

// Smaller old-generation growth steps: about 15% lower peak memory on large clusters for about 10%
// more GC time (bench/README.md). bench/scan.ts sets the same, so the bench measures what runs here.
setFlagsFromString('--heap-growing-percent=50');

import('../dist/src/cli/main.js')
  .then((m) => m.main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  });
