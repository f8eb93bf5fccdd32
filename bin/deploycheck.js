#!/usr/bin/env node
import { loadBundle } from './load-bundle.js';

const cli = loadBundle().exports;
cli.setFileImporter((url) => import(url));
process.exitCode = await cli.main(process.argv);
