/**
 * Build output named by a package.json script's bundler command, mapped back to its source:
 * `esbuild server/index.ts --bundle --outdir=dist` writes dist/index.js, `tsup src/main.ts` writes
 * dist/main.js, `ncc build src/index.ts -o out` writes out/index.js. `tsc` is read from tsconfig
 * instead (tsconfig.ts); a bundler that reads its own config file is not followed.
 */
import { simpleCommand, splitCommands } from '../../deploy/shell.js';

export interface BuiltFile {
  /** Project-relative source file the bundler compiles. */
  source: string;
  /** The script and bundler that said so (`package.json scripts.build (esbuild)`). */
  how: string;
}

/** Bundlers that take entry files as arguments, with their output options and default output folder. */
interface Bundler {
  /** Words before the entries (`ncc build`). */
  subcommand?: string;
  outfile: string[];
  outdir: string[];
  defaultOutdir?: string;
  /** Options that take a value as the next word (so the value is not read as an entry). */
  valued: string[];
}

const BUNDLERS: Record<string, Bundler> = {
  esbuild: { outfile: ['--outfile'], outdir: ['--outdir'], valued: [] },
  tsup: { outfile: [], outdir: ['-d', '--out-dir'], defaultOutdir: 'dist', valued: ['--format', '--target', '--platform', '--config', '--env', '--external', '--tsconfig', '--entry-names'] },
  ncc: { subcommand: 'build', outfile: [], outdir: ['-o', '--out'], defaultOutdir: 'dist', valued: ['-e', '--external', '-m', '--target'] },
};

const SOURCE_FILE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;

function normalize(path: string): string {
  return path.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
}

function withoutExtension(path: string): string {
  return path.replace(/\.[^./]+$/, '');
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The output path (without extension) each entry of one bundler command is written to. */
function outputsOf(tool: string, args: string[]): Map<string, string> {
  const bundler = BUNDLERS[tool]!;
  let rest = args;
  if (bundler.subcommand !== undefined) {
    if (rest[0] !== bundler.subcommand) return new Map();
    rest = rest.slice(1);
  }
  const entries: string[] = [];
  let outfile: string | undefined;
  let outdir: string | undefined = bundler.defaultOutdir;
  for (let index = 0; index < rest.length; index++) {
    const word = rest[index]!;
    if (!word.startsWith('-')) {
      if (SOURCE_FILE.test(word)) entries.push(normalize(word));
      continue;
    }
    const [name, inline] = word.split(/=(.*)/s, 2) as [string, string | undefined];
    const takesNext = inline === undefined && (bundler.outfile.includes(name) || bundler.outdir.includes(name) || bundler.valued.includes(name));
    const value = inline ?? (takesNext ? rest[++index] : undefined);
    if (value === undefined) continue;
    if (bundler.outfile.includes(name)) outfile = normalize(value);
    if (bundler.outdir.includes(name)) outdir = normalize(value);
  }
  const outputs = new Map<string, string>();
  if (outfile !== undefined && entries.length === 1) outputs.set(withoutExtension(outfile), entries[0]!);
  // With several entries esbuild keeps their paths below the common folder; the file name is what matters here.
  else if (outdir !== undefined) for (const entry of entries) outputs.set(`${outdir}/${withoutExtension(baseName(entry))}`, entry);
  return outputs;
}

/**
 * The source of a build output path (`dist/index.js`), when a package.json script bundles it; the
 * output path is project-relative.
 */
export function sourceFromBuildScripts(scripts: Readonly<Record<string, string>>, output: string): BuiltFile | undefined {
  const wanted = withoutExtension(normalize(output));
  for (const [name, script] of Object.entries(scripts)) {
    for (const segment of splitCommands(script)) {
      const words = simpleCommand(segment.text).words.map((word) => word.value ?? word.raw);
      const start = words[0] === 'npx' ? 1 : 0;
      const tool = baseName(words[start] ?? '');
      if (!Object.hasOwn(BUNDLERS, tool)) continue;
      const source = outputsOf(tool, words.slice(start + 1)).get(wanted);
      if (source !== undefined) return { source, how: `package.json scripts.${name} (${tool})` };
    }
  }
  return undefined;
}
