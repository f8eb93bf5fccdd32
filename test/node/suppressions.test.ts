/** Inline suppressions in JS/TS files hide a Node rule's findings like those of any other rule. */
import { describe, expect, it } from 'vitest';
import type { RuleDefinition } from '../../src/engine/types.js';
import { runCheck } from '../../src/frameworks.js';
import { defineRule } from '../../src/node/define-rule.js';
import { makeProject } from '../helpers/project.js';
import { EXPRESS, pkg } from './helpers.js';

/** Reports every line of the project's JS/TS files that mentions `PLANTED`. */
const planted = defineRule({
  id: 'node/test-planted',
  title: 'planted line',
  severity: 'high',
  docs: { why: 'test', fix: 'test' },
  check({ project, workspace, report }) {
    for (const file of workspace.files.filter((path) => /\.(?:js|mjs|cjs|ts|tsx)$/.test(path) && path.startsWith(project.root))) {
      const read = workspace.readText(file);
      if (!read.ok) continue;
      read.text.split('\n').forEach((line, index) => {
        if (line.includes('PLANTED')) report({ message: 'planted', location: { file, line: index + 1, column: 1 }, about: `${file}:${index}` });
      });
    }
  },
}) as RuleDefinition;

describe('suppressions in JS and TS files', () => {
  it.each(['server.js', 'server.mjs', 'server.cjs', 'src/main.ts', 'src/page.tsx'])('a `// deploycheck: ignore[rule] reason` comment in %s hides the finding below it and on its line', async (file) => {
    const root = makeProject({
      'package.json': pkg(EXPRESS),
      [file]: "// deploycheck: ignore[node/test-planted] the demo key is rotated daily\nconst a = 'PLANTED';\nconst b = 'PLANTED'; // deploycheck: ignore[node/test-planted] same\nconst c = 'PLANTED';\n",
    });
    const result = await runCheck({ root, rules: [planted] });
    expect(result.findings.filter((finding) => finding.rule === 'node/test-planted').map((finding) => `${finding.location && 'file' in finding.location ? finding.location.line : 0}`)).toEqual(['4']);
    expect(result.hidden?.suppressed).toBe(2);
  });
});
