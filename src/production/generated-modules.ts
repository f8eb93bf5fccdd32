import type { FileLocation } from '../core/location.js';
import type { DeployFacts } from '../deploy/types.js';
import type { Workspace } from '../workspace/types.js';

/** A Python file a production start script writes into the app before it runs (`cp local_settings.example.py …/local_settings.py`). */
export interface GeneratedModule {
  /** The line of the script that writes it. */
  location: FileLocation;
  /** `docker/start.sh:12` */
  label: string;
  /** The committed file it is copied from, when it is a copy (its names are the ones the module sets). */
  template?: string;
  /** Texts the script substitutes in files (`sed -i "s/PLACEHOLDER/…/"`): a template value holding one is rewritten. */
  edits: string[];
}

/** The writes of a shell line whose target is a `.py` file: a redirect (`> f.py`, `>> f.py`), `tee f.py`, `cp|mv|install SRC f.py`. */
const REDIRECT = /(?:^|[^0-9&<>])>>?\s*(['"]?)([^\s'";|&<>]+\.py)\1/g;
const TEE = /\btee\s+(?:-a\s+)?(['"]?)([^\s'";|&<>]+\.py)\1/g;
const COPY = /\b(?:cp|mv|install)\s+(?:-[A-Za-z]+\s+)*(['"]?)([^\s'";|&<>]+)\1\s+(['"]?)([^\s'";|&<>]+\.py)\3(?=\s*(?:$|[;&|#]))/g;
const SED_SUBSTITUTION = /\bsed\b[^\n]*?\s(['"])s([/|#,])((?:\\.|(?!\2).)+)\2/g;

interface Write {
  target: string;
  source?: string;
  line: number;
}

const SHELL_ASSIGNMENT = /^\s*(?:export\s+|local\s+)?([A-Za-z_][A-Za-z0-9_]*)=(['"]?)([^'"\s$`;]*)\2\s*(?:#.*)?$/;

/** `${NAME}` / `$NAME` replaced by the literal values the script assigned before the line. */
function expand(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced: string | undefined, bare: string | undefined) => vars.get(braced ?? bare ?? '') ?? whole);
}

function writesOf(text: string): { writes: Write[]; edits: string[] } {
  const writes: Write[] = [];
  const edits: string[] = [];
  const vars = new Map<string, string>();
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/^\s*#.*$/, '');
    const assignment = SHELL_ASSIGNMENT.exec(line);
    if (assignment) vars.set(assignment[1]!, expand(assignment[3]!, vars));
    const expanded = expand(line, vars);
    for (const match of expanded.matchAll(COPY)) writes.push({ target: match[4]!, source: match[2]!, line: index + 1 });
    for (const pattern of [REDIRECT, TEE]) for (const match of expanded.matchAll(pattern)) writes.push({ target: match[2]!, line: index + 1 });
    for (const match of line.matchAll(SED_SUBSTITUTION)) edits.push(match[3]!.replace(/\\(.)/g, '$1'));
  });
  return { writes, edits };
}

/** Whether a path a script writes (`/srv/app/mysite/local_settings.py`, `$ROOT/mysite/x.py`) is the repository file `path`. */
function writesFile(target: string, path: string): boolean {
  const normalised = target.replace(/\/\.\//g, '/');
  return normalised === path || normalised.endsWith(`/${path}`);
}

/** The committed file a copied path names: the longest repository path it ends with. */
function committedSource(workspace: Workspace, source: string): string | undefined {
  const parts = source.split('/').filter((part) => part !== '' && !part.includes('$'));
  for (let start = 0; start < parts.length; start++) {
    const candidate = parts.slice(start).join('/');
    if (workspace.exists(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The committed file a write copies: its source, or the source of the copy the script made of it
 * earlier (`cp template.py /data/x.py` then `cp /data/x.py app/x.py`), a few copies deep.
 */
function templateOf(workspace: Workspace, writes: readonly Write[], write: Write): string | undefined {
  let current: Write | undefined = write;
  for (let depth = 0; current?.source !== undefined && depth < 5; depth++) {
    const committed = committedSource(workspace, current.source);
    if (committed) return committed;
    const source: string = current.source;
    current = writes.find((earlier) => earlier.line < (current?.line ?? 0) && earlier.target === source);
  }
  return undefined;
}

/**
 * For the settings evaluator: whether a production script (a start script a deploy command runs)
 * writes the repository file `path` that the repository does not hold, and how. Only scripts
 * production runs count (not those only a development compose file's commands reach): a missing
 * optional `local_settings.py` a developer writes by hand is absent, as before.
 */
export function generatedModules(workspace: Workspace, deploy: DeployFacts): (path: string) => GeneratedModule | undefined {
  // Scripts only commands production does not run reach (a development compose file's) are not production's.
  const reached = (deployed: boolean): Set<string> =>
    new Set(deploy.commands.filter((command) => (command.deployed !== false) === deployed).flatMap((command) => [command.location.file, ...(command.via ?? []).map((step) => step.file)]));
  const production = reached(true);
  const development = reached(false);
  const scripts = deploy.files.filter((file) => file.kind === 'script' && (production.has(file.path) || !development.has(file.path)));
  let read: { file: string; writes: Write[]; edits: string[] }[] | undefined;
  return (path) => {
    read ??= scripts.flatMap(({ path: file }) => {
      const text = workspace.readText(file);
      return text.ok ? [{ file, ...writesOf(text.text) }] : [];
    });
    for (const { file, writes, edits } of read) {
      const write = writes.find((candidate) => writesFile(candidate.target, path));
      if (!write) continue;
      const template = templateOf(workspace, writes, write);
      return { location: { file, line: write.line, column: 1 }, label: `${file}:${write.line}`, ...(template ? { template } : {}), edits };
    }
    return undefined;
  };
}
