import type { EnvFileUse } from '../env/env-file-use.js';
import { resolveEnvPath } from '../env/env-file-use.js';
import type { DjangoProject } from '../project/types.js';
import { lineIndex } from '../workspace/line-index.js';
import { baseName } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';

/** Calls and imports that load a dotenv file at run time (python-dotenv, django-environ, decouple, django-dotenv, pydantic, django-configurations). */
const LOADER = /\b(load_dotenv|read_dotenv|dotenv_values|read_env)\s*\(|\b(from\s+decouple\s+import|import\s+decouple)\b|\b(env_file)\s*=|^\s*(DOTENV)\s*=/gm;

/**
 * The env files a Django project loads itself, for env/gitignore-missing (src/env/env-file-use.ts):
 * loader calls in its settings modules and manage.py. A quoted file name ending in .env…
 * names the file (relative to the project root); a loader without one reads `.env`; one naming
 * another file (`find_dotenv(filename='.environment')`) is not about .env files.
 */
export function djangoEnvFileLoads(workspace: Workspace, project: DjangoProject): EnvFileUse[] {
  const uses: EnvFileUse[] = [];
  const manage = project.root ? `${project.root}/manage.py` : 'manage.py';
  for (const path of new Set([...(project.settings?.files ?? []), manage])) {
    if (!workspace.exists(path)) continue;
    const text = workspace.readText(path);
    if (!text.ok) continue;
    const locate = lineIndex(text.text);
    for (const match of text.text.matchAll(LOADER)) {
      const end = text.text.indexOf('\n', match.index);
      const line = text.text.slice(match.index, end < 0 ? undefined : end);
      const quoted = [...line.matchAll(/(['"])([^'"\n]*[./][^'"\n]*)\1/g)].map((found) => found[2]!);
      const named = quoted.find((file) => /(?:^|\/)\.env\b/.test(file));
      if (quoted.length && !named) continue;
      const file = resolveEnvPath(project.root, named ? baseName(named) : '.env');
      const what = match.slice(1).find(Boolean)!;
      const loader = what.startsWith('from') || what.startsWith('import') ? 'python-decouple' : what;
      const location = { file: path, line: locate(match.index + match[0].search(/\S/)).line, column: 1 };
      if (file) uses.push({ path: file, reason: `${path} loads it (${loader})`, location });
    }
  }
  return uses;
}

