// npm run build: the rule index, then the whole CLI as one CommonJS file (dist/deploycheck.cjs) with a
// V8 code cache beside it, and the benchmarks. One file read and (nearly) no compilation is most of
// what makes `deploycheck check` start fast on Node 20, which has no compile cache of its own.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { writeApiModules } from './api-modules.mjs';
import { writeCodeCache } from './code-cache.mjs';
import { writeRuleIndex } from './rule-index.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', legalComments: 'none', absWorkingDir: root };

// web-tree-sitter's ES module build reaches Node's modules through import(), which code run by
// vm.Script cannot use without a flag; its CommonJS build uses require().
const commonJsTreeSitter = {
  name: 'web-tree-sitter-cjs',
  setup(build) {
    const file = createRequire(import.meta.url).resolve('web-tree-sitter');
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: file }));
  },
};

// Built-in modules that are costly to load (child_process brings net, dgram and streams along) and
// that many runs never use: `check` outside a git repository runs no process, yet commander requires
// child_process when it loads; a check without findings hashes no fingerprint. In the bundle they are
// facades that load the module on first use.
const LAZY_BUILTINS = ['child_process', 'crypto'];

const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    const filter = new RegExp(`^(?:node:)?(?:${LAZY_BUILTINS.join('|')})$`);
    build.onResolve({ filter }, (args) => (args.namespace === 'lazy-builtin' ? undefined : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, ({ path }) => {
      const names = Object.keys(createRequire(import.meta.url)(`node:${path}`));
      const getters = names.map((name) => `  get ${JSON.stringify(name)}() { return load()[${JSON.stringify(name)}]; },`).join('\n');
      return { contents: `let loaded;\nconst load = () => (loaded ??= require('node:${path}'));\nmodule.exports = {\n${getters}\n};\n`, loader: 'js' };
    });
  },
};

// Bundled packages that only some files need: yaml (YAML deploy files), smol-toml (TOML configuration
// and deploy files), dotenv (Node env files), @babel/parser (JS/TS sources of Node projects). Facades
// like the lazy built-ins': the package's module bodies run, and its compiled code enters the code cache
// (which every run deserialises), only in runs that read such a file. Bundled rather than required from
// node_modules at run time, @babel/parser's half a megabyte is compiled from the cache, not anew (~10 ms).
// DEPLOYCHECK_DEBUG_LAZY=1 reports each one's loading on stderr.
const LAZY_PACKAGES = ['yaml', 'smol-toml', 'dotenv', '@babel/parser'];

const lazyPackages = {
  name: 'lazy-packages',
  setup(build) {
    const filter = new RegExp(`^(?:${LAZY_PACKAGES.map((name) => name.replace(/[.]/g, '\\.')).join('|')})$`);
    // The facade's own require() of the package resolves as usual, from this package's root.
    build.onResolve({ filter }, (args) => (args.namespace === 'lazy-package' ? undefined : { path: args.path, namespace: 'lazy-package' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, ({ path }) => {
      const names = Object.keys(createRequire(import.meta.url)(path)).filter((name) => name !== 'default' && name !== '__esModule');
      const getters = names.map((name) => `  get ${JSON.stringify(name)}() { return load()[${JSON.stringify(name)}]; },`).join('\n');
      const debug = `if (process.env.DEPLOYCHECK_DEBUG_LAZY) require('node:fs').writeSync(2, ${JSON.stringify(`deploycheck: loaded ${path}\n`)});`;
      const load = `const load = () => {\n  if (!loaded) {\n    ${debug}\n    loaded = require(${JSON.stringify(path)});\n  }\n  return loaded;\n};`;
      return { contents: `let loaded;\n${load}\nmodule.exports = {\n${getters}\n};\n`, loader: 'js', resolveDir: root };
    });
  },
};

// chalk detects the terminal's colours when it loads, which loads node:tty and with it node:net
// (~3 ms); deploycheck never uses that detection: every Chalk it makes is given its level (see
// useColor in src/cli/output.ts), so chalk's detector is replaced by one that detects nothing.
const chalkWithoutDetection = {
  name: 'chalk-without-detection',
  setup(build) {
    build.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'no-color-detection' }));
    build.onLoad({ filter: /.*/, namespace: 'no-color-detection' }, () => ({ contents: 'export default { stdout: false, stderr: false };\n', loader: 'js' }));
  },
};

/**
 * Escapes the few characters outside ASCII that esbuild leaves in (in comments and regular
 * expressions) as \uXXXX escapes, which mean the same there: V8 reads an ASCII file into a one-byte
 * string at once, while a single other character makes it decode all of the file as UTF-8 and keep
 * it as two-byte text.
 */
function asciiOnly(file) {
  const source = readFileSync(file, 'utf8');
  const ascii = source.replace(/[^\0-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== source) writeFileSync(file, ascii);
}

/**
 * The CLI as `<outRoot>/dist/deploycheck.cjs` plus its code cache, run by `<outRoot>/bin/deploycheck.js`,
 * and the rule API modules users' rule files import (`<outRoot>/dist/api/<kind>.mjs`).
 * outRoot must lie inside this package (node_modules, package.json and web/ are found by walking up).
 */
export async function buildCli(outRoot = root) {
  const bundle = join(outRoot, 'dist', 'deploycheck.cjs');
  await build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: bundle,
    format: 'cjs',
    // undici is some 100 modules that only scan and serve load.
    external: ['undici'],
    plugins: [commonJsTreeSitter, lazyBuiltins, lazyPackages, chalkWithoutDetection],
    // Injected rather than a banner: a banner would come before "use strict" and leave the bundle in sloppy mode.
    inject: ['scripts/import-meta-url.js'],
    define: { 'import.meta.url': 'importMetaUrl' },
  });
  asciiOnly(bundle);
  // The run cache's lookup, which the bin runs before it loads the bundle: small, on its own.
  await build({ ...common, entryPoints: ['src/run-cache/lookup.ts'], outfile: join(outRoot, 'dist', 'run-cache.cjs'), format: 'cjs' });
  if (resolve(outRoot) !== resolve(root)) {
    mkdirSync(join(outRoot, 'bin'), { recursive: true });
    for (const file of readdirSync(join(root, 'bin'))) copyFileSync(join(root, 'bin', file), join(outRoot, 'bin', file));
  }
  await writeCodeCache(bundle);
  await writeApiModules(bundle);
  return join(outRoot, 'bin', 'deploycheck.js');
}

async function buildBench() {
  await build({ ...common, entryPoints: ['bench/run.ts'], outdir: 'dist/bench', format: 'esm', packages: 'external' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeRuleIndex();
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  await buildCli();
  await buildBench();
}
