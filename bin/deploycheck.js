#!/usr/bin/env node
// CommonJS (bin/package.json), so that starting the CLI needs no ES module loader: the bundle is
// CommonJS too, and this file is all that runs before it.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose (bin/package.json) */
const { join } = require('node:path');
const { lookupRun } = require('../dist/run-cache.cjs');

// A `check` whose every input is as a stored run recorded is replayed without loading the bundle (src/run-cache).
const cached = lookupRun(process.argv, join(__dirname, '..', 'dist', 'deploycheck.cjs'));
if (cached.hit) {
  process.exitCode = cached.code;
} else {
  const cli = require('./load-bundle.js').bundleExports();
  // Rule files and JS config of the user's project are ES modules: only code compiled by Node's own
  // loaders (this file) may import() them.
  cli.setFileImporter((url) => import(url));
  cli.main(process.argv, { runCache: cached.target }).then((code) => {
    process.exitCode = code;
  });
}
