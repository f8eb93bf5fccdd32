/**
 * The images a CI workflow builds and pushes to a registry (`docker/build-push-action` with
 * `push: true`, `docker build -f X` followed by `docker push`): the Dockerfile of a pushed image is
 * what a deployment pulls, when no platform file in the repository says which image it runs.
 * Read line by line, like the workflow's `run:` steps (parsing YAML costs more than it tells here).
 */
import { posix } from 'node:path';
import type { DockerBuild } from './reading.js';

/** Folders and Dockerfile names for development, tests, CI, docs or examples: never the deployed image. */
const NOT_DEPLOYED = /(?:^|[/.\-_])(?:dev|devel|develop|development|local|test|tests|testing|ci|e2e|docs?|example|examples|demo|base)(?:$|[/.\-_])/i;
const BUILD_PUSH_ACTION = /^-?\s*uses\s*:\s*['"]?docker\/build-push-action@/;
const MAX_STEP_LINES = 60;

function unquote(value: string): string {
  return value.trim().replace(/\s+#.*$/, '').replace(/^(['"])(.*)\1$/, '$2');
}

/** Whether a workspace path is a file the build names plainly (no `${{ … }}` expression). */
const plain = (path: string): boolean => path !== '' && !/[$]/.test(path);

/**
 * The Dockerfiles the workflow's `docker/build-push-action` steps push (with `file:`, else
 * `context:`/Dockerfile), and those `docker build -f … ` commands build in a workflow that also runs
 * `docker push`. Workspace-relative; development, test, docs and base images are left out.
 */
export function pushedDockerfiles(file: string, text: string): DockerBuild[] {
  const lines = text.split('\n');
  const builds: DockerBuild[] = [];
  const add = (dockerfile: string, context: string | undefined, line: number, how: string): void => {
    const path = posix.normalize(dockerfile.replace(/^\.\//, ''));
    if (!plain(path) || path.startsWith('..') || NOT_DEPLOYED.test(path) || builds.some((build) => build.dockerfile === path)) return;
    const build: DockerBuild = { dockerfile: path, chosenBy: `${file}:${line} (${how})`, location: { file, line, column: 1 } };
    if (context !== undefined && plain(context)) build.context = posix.normalize(context.replace(/^\.\//, '')).replace(/^\.$/, '');
    builds.push(build);
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (!BUILD_PUSH_ACTION.test(line.trim())) continue;
    const indent = line.length - line.trimStart().length;
    let dockerfile: string | undefined;
    let context: string | undefined;
    let push = false;
    for (let next = index + 1; next < Math.min(lines.length, index + MAX_STEP_LINES); next++) {
      const text = lines[next]!;
      const trimmed = text.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      const depth = text.length - text.trimStart().length;
      // The step ends at the next item of the steps list, or at anything less indented.
      if (depth < indent || (depth === indent && trimmed.startsWith('-'))) break;
      const key = /^(file|context|push|outputs)\s*:\s*(.*)$/.exec(trimmed);
      if (!key) continue;
      if (key[1] === 'file') dockerfile = unquote(key[2]!);
      else if (key[1] === 'context') context = unquote(key[2]!);
      else if (key[1] === 'push') push ||= /^true$/i.test(unquote(key[2]!));
      else push ||= /push=true/.test(key[2]!);
    }
    if (!push) continue;
    const ctx = context ?? '.';
    add(dockerfile ?? posix.join(ctx, 'Dockerfile'), context, index + 1, 'docker/build-push-action pushes it');
  }
  if (/^\s*(?:-\s*)?(?:run\s*:)?.*\bdocker\s+(?:image\s+)?push\b/m.test(text)) {
    for (let index = 0; index < lines.length; index++) {
      const match = /\bdocker\s+(?:image\s+|buildx\s+)?build\b.*?(?:-f|--file)[=\s]+(\S+)/.exec(lines[index]!);
      if (match) add(unquote(match[1]!), undefined, index + 1, 'docker build, then docker push');
    }
  }
  return builds;
}
