#!/usr/bin/env node
// CommonJS (bin/package.json), so that starting the CLI needs no ES module loader: the bundle is
// CommonJS too, and this file is all that runs before it.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose (bin/package.json) */
const { bundleExports } = require('./load-bundle.js');

const cli = bundleExports();
// Rule files and JS config of the user's project are ES modules: only code compiled by Node's own
// loaders (this file) may import() them.
cli.setFileImporter((url) => import(url));
cli.main(process.argv).then((code) => {
  process.exitCode = code;
});
