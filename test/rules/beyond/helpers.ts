import { expect } from 'vitest';
import { runCheck } from '../../../src/frameworks.js';
import type { Finding } from '../../../src/engine/types.js';
import { makeProject } from '../../helpers/project.js';

function manage(settingsModule: string): string {
  return `#!/usr/bin/env python
import os
import sys

if __name__ == '__main__':
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', '${settingsModule}')
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
`;
}

/** A project whose manage.py names the given settings module; files are written as given. */
export function djangoProject(settingsModule: string, files: Record<string, string>): string {
  return makeProject({ 'manage.py': manage(settingsModule), 'mysite/__init__.py': '', ...files });
}

/** A minimal project whose settings module is mysite/settings.py with the given body, plus extra files. */
export function settingsProject(body: string, extra: Record<string, string> = {}): string {
  return djangoProject('mysite.settings', { 'mysite/settings.py': body, ...extra });
}

/** Run the check on a project and keep the findings of one rule. */
export async function findingsOf(
  rule: string,
  root: string,
  options: { set?: Record<string, string>; settings?: string } = {},
): Promise<Finding[]> {
  const result = await runCheck({ root, only: [rule], ...options });
  expect(result.errors).toEqual([]);
  return result.findings.filter((finding) => finding.rule === rule);
}

/** The location of a finding as `file:line`. */
export function at(finding: Finding | undefined): string | undefined {
  if (!finding || !('file' in finding.location)) return undefined;
  return `${finding.location.file}:${finding.location.line}`;
}
