/** `.dockerignore`: which files of the build context never reach the image. */
import { posix } from 'node:path';
import { globRegExp } from '../workspace/glob.js';
import { isWithin } from '../workspace/paths.js';
import type { DeployFacts, DockerIgnore, DockerIgnorePattern } from './types.js';

/** The patterns of a `.dockerignore` (comments and blank lines dropped, paths cleaned as Docker does). */
export function readDockerIgnore(file: string, context: string, text: string): DockerIgnore {
  const patterns: DockerIgnorePattern[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const negated = line.startsWith('!');
    const body = (negated ? line.slice(1) : line).trim();
    const cleaned = posix.normalize(body).replace(/^\/+/, '').replace(/\/+$/, '');
    if (cleaned === '' || cleaned === '.') return;
    patterns.push({ pattern: cleaned, negated, line: index + 1 });
  });
  return { file, context, patterns };
}

const compiled = new Map<string, RegExp>();

/** A pattern as a regular expression over context-relative paths (`*`, `?`, `[…]`, `**`, `\\` escapes). */
function patternRegExp(pattern: string): RegExp {
  let regexp = compiled.get(pattern);
  if (!regexp) {
    regexp = globRegExp(pattern, { globstar: 'any', classes: true, escapes: true });
    compiled.set(pattern, regexp);
  }
  return regexp;
}

/**
 * Whether a workspace file never reaches the image built with this `.dockerignore`: it lies outside
 * the build context, or the last pattern matching it (or one of its directories) excludes it.
 */
export function isExcludedFromImage(ignore: DockerIgnore, path: string): boolean {
  if (!isWithin(path, ignore.context)) return true;
  const relative = ignore.context === '' ? path : path.slice(ignore.context.length + 1);
  const parts = relative.split('/');
  const prefixes = parts.map((_, index) => parts.slice(0, index + 1).join('/'));
  let excluded = false;
  for (const { pattern, negated } of ignore.patterns) {
    const regexp = patternRegExp(pattern);
    // A negation re-includes only what it names; an exclusion also covers a directory's contents.
    const matches = negated ? regexp.test(relative) : prefixes.some((prefix) => regexp.test(prefix));
    if (matches) excluded = !negated;
  }
  return excluded;
}

/**
 * Whether production's images never contain a workspace file: at least one image is deployed and
 * every deployed image's build context leaves the file out (outside the context, or `.dockerignore`d).
 * False when nothing is built from a Dockerfile (a buildpack deploy ships the repository).
 */
export function isExcludedFromDeployedImages(facts: Pick<DeployFacts, 'deployedStages' | 'dockerignores'>, path: string): boolean {
  const stages = facts.deployedStages ?? [];
  if (stages.length === 0) return false;
  return stages.every(({ context }) => {
    const ignore = facts.dockerignores?.find((candidate) => candidate.context === context) ?? { file: '', context, patterns: [] };
    return isExcludedFromImage(ignore, path);
  });
}

/**
 * Whether production has a workspace file, as the settings evaluator asks (a dotenv file, a module):
 * when production runs its images, a file every deployed image leaves out is not there. Undefined
 * when that cannot be told: no image is deployed, a buildpack platform ships the repository as it is
 * (Heroku or Dokku without heroku.yml, App Engine), or the project's own `manage.py` is in no image
 * (then the build contexts are not what they seem).
 */
export function productionFilePredicate(
  facts: Pick<DeployFacts, 'deployedStages' | 'dockerignores' | 'platforms' | 'files'>,
  projectRoot: string,
): ((path: string) => boolean) | undefined {
  if (!facts.deployedStages?.length) return undefined;
  const herokuImage = facts.files.some((file) => file.kind === 'heroku.yml');
  if (facts.platforms.includes('app-engine') || (!herokuImage && facts.platforms.some((platform) => platform === 'heroku' || platform === 'dokku'))) return undefined;
  if (isExcludedFromDeployedImages(facts, projectRoot === '' ? 'manage.py' : `${projectRoot}/manage.py`)) return undefined;
  return (path) => !isExcludedFromDeployedImages(facts, path);
}
