import { uncacheable } from '../run-cache/record.js';

type Importer = (url: string) => Promise<unknown>;

// The bin runs the one-file bundle through vm.Script, where import() needs an experimental flag on
// Node 20, so it hands in its own import(); under vitest the module's own import() serves.
let importer: Importer = (url) => import(url);

/** Use this import() for user rule files. */
export function setFileImporter(next: Importer): void {
  importer = next;
}

/** Import an ES module by file URL (users' rule files). */
export function importFile(url: string): Promise<unknown> {
  // What the module does when imported (and reads) is not recorded.
  uncacheable(`imports ${url}`);
  return importer(url);
}
