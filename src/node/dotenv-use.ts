/**
 * The env files a Node project loads itself, for env/gitignore-missing (src/env/env-file-use.ts):
 * the files `dotenv.config()`, `import 'dotenv/config'` or NestJS's ConfigModule read in the
 * program production starts, those its start command passes to `node --env-file`, and the `.env`
 * Next.js loads itself (`next build`/`next start` read .env, .env.production and their .local
 * variants from the project folder).
 */
import type { EnvFileUse } from '../env/env-file-use.js';
import { isFileLocation } from '../core/location.js';
import { joinPath } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import type { StartCommand } from './production/start.js';
import type { NodeProject } from './types.js';

/** A path the program names: workspace-relative when that file exists or the project is the root, else under the project (where production starts it). */
function inProject(workspace: Workspace, root: string, path: string): string {
  return workspace.exists(path) || !root ? path : joinPath(root, path.replace(/^\.\//, ''));
}

export function nodeEnvFileLoads(workspace: Workspace, project: NodeProject, start: StartCommand | undefined): EnvFileUse[] {
  const uses: EnvFileUse[] = [];
  const run = start?.parsed?.run;
  if (run?.kind === 'file' && isFileLocation(start!.location)) {
    for (const file of run.envFiles) uses.push({ path: inProject(workspace, project.root, file), reason: `${start!.how} loads it (node --env-file)`, location: start!.location });
  }
  for (const use of project.program?.dotenv ?? []) {
    uses.push({ path: inProject(workspace, project.root, use.path), reason: `${use.location.file} loads it (dotenv)`, location: use.location });
  }
  if (project.frameworks.includes('next')) {
    uses.push({ path: joinPath(project.root, '.env'), reason: `${project.packageJson.file} loads it (Next.js reads .env at build and start)`, location: { file: project.packageJson.file, line: 1, column: 1 } });
  }
  return uses;
}
