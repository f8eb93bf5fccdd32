// Injected by esbuild into the CommonJS bundle, where import.meta does not exist: the bundle's own
// file URL stands in for each module's (the code that uses it walks up to the package or resolves
// packages from there).
import { pathToFileURL } from 'node:url';

export const importMetaUrl = pathToFileURL(__filename).href;
