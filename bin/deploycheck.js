#!/usr/bin/env node
import { bundleExports } from './load-bundle.js';

const cli = bundleExports();
cli.setFileImporter((url) => import(url));
process.exitCode = await cli.main(process.argv);
