import { runCheck } from '../../../src/frameworks.js';
import type { Finding } from '../../../src/engine/types.js';
import { makeProject } from '../../helpers/project.js';

const MANAGE_PY = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n";

/** A minimal project: manage.py, `mysite/settings.py` = `settings`, Django pinned to `django`, plus `files`. */
export function settingsProject(settings: string, files: Record<string, string> = {}, django = '5.2.8'): string {
  return makeProject({
    'manage.py': MANAGE_PY,
    'requirements.txt': `Django==${django}\n`,
    'mysite/__init__.py': '',
    'mysite/settings.py': settings,
    ...files,
  });
}

/** The findings of one rule, failing loudly if the run had internal errors. */
export async function findingsOf(
  rule: string,
  root: string,
  options: { set?: Record<string, string> } = {},
): Promise<Finding[]> {
  const result = await runCheck({ root, only: [rule], ...options });
  if (result.errors.length) throw new Error(result.errors.join('\n'));
  return result.findings;
}

/** The file:line of a finding's location (throws for URL locations). */
export function at(finding: Finding | undefined): string {
  if (!finding) throw new Error('no finding');
  if (!('file' in finding.location)) throw new Error('not a file location');
  return `${finding.location.file}:${finding.location.line}`;
}
