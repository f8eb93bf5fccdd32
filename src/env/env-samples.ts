import { baseName, dirName, joinPath } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import { readDotenv } from './workspace-dotenv.js';

/** Suffixes a committed sample of an env file adds to its name: `.env.prod-sample`, `.django.example`. */
const SAMPLE_SUFFIXES = ['example', 'sample', 'template', 'dist', 'tmpl', 'defaults'];
const SEPARATORS = ['.', '-', '_'];
/** Samples of the directory's env files in general, used when none is named after the file itself. */
const GENERIC_SAMPLES = ['.env.example', '.env.sample', '.env.template', '.env.dist'];

export interface EnvSample {
  /** The sample file, workspace-relative. */
  file: string;
  /** The variables it names (its values are examples, never production's). */
  names: string[];
}

/** The sample files that document `path`, most specific first: `<name>.example`, `<name>-sample`, …, then `.env.example`. */
function sampleCandidates(path: string): string[] {
  const dir = dirName(path);
  const name = baseName(path);
  const own = SAMPLE_SUFFIXES.flatMap((suffix) => SEPARATORS.map((separator) => joinPath(dir, `${name}${separator}${suffix}`)));
  return [...own, ...GENERIC_SAMPLES.map((generic) => joinPath(dir, generic))];
}

/**
 * The committed sample next to an env file the repository does not hold, and the variable names it
 * documents. Only the names count: a sample's values are placeholders or a developer's, not production's.
 */
export function envSampleFor(workspace: Workspace, path: string): EnvSample | undefined {
  for (const candidate of sampleCandidates(path)) {
    if (candidate === path || !workspace.exists(candidate)) continue;
    const parsed = readDotenv(workspace, candidate, 'compose');
    if (!parsed.ok) continue;
    return { file: candidate, names: [...new Set(parsed.entries.map((entry) => entry.name))] };
  }
  return undefined;
}
