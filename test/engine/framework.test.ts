/**
 * The framework seam: the engine runs on whatever frameworks it is given. A toy framework, written
 * here, stands for a second framework: its projects get only its rules, it can silence findings and
 * cap the grade as incomplete, and its summary is what the report lists.
 */
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/engine/check.js';
import type { Framework, ProjectSummary } from '../../src/engine/framework.js';
import type { Project } from '../../src/core/project.js';
import type { RuleDefinition } from '../../src/engine/types.js';
import { defineRule } from '../../src/django/define-rule.js';
import { makeProject } from '../helpers/project.js';

interface ToyProject extends Project {
  kind: 'toy';
  marker: string;
}

interface ToySummary extends ProjectSummary {
  kind: 'toy';
  marker: string;
}

/** A framework whose projects are the directories holding a `toy.txt`. */
function toyFramework(options: { incomplete?: string; silence?: string } = {}): Framework<ToyProject, ToySummary> {
  return {
    kind: 'toy',
    options: [{ key: 'flavour', flag: '--flavour <name>', description: 'toy flavour' }],
    discover(workspace, { options: given }) {
      return workspace.files
        .filter((file) => file.endsWith('toy.txt'))
        .sort((a, b) => a.length - b.length)
        .map((file) => {
          const project: ToyProject = { kind: 'toy', root: file.slice(0, -'toy.txt'.length).replace(/\/$/, ''), marker: given.flavour ?? 'plain' };
          return {
            project,
            checked: true,
            keeps: (finding) => finding.message !== options.silence,
            summary: () => ({ kind: 'toy', root: project.root, marker: project.marker }),
            incomplete: () => options.incomplete,
          };
        });
    },
  };
}

const toyRule: RuleDefinition<ToyProject> = {
  kind: 'toy',
  id: 'toy/marker',
  title: 'Toy marker',
  severity: 'medium',
  docs: { why: 'A toy rule for the seam test.', fix: 'None.' },
  check(ctx) {
    ctx.report({ message: `marker ${ctx.project.marker}`, location: { file: `${ctx.project.root ? `${ctx.project.root}/` : ''}toy.txt`, line: 1, column: 1 } });
  },
};

const djangoOnly = defineRule({
  id: 'django/never-on-toys',
  title: 'A Django rule',
  severity: 'high',
  docs: { why: 'Runs only on Django projects.', fix: 'None.' },
  check(ctx) {
    ctx.report({ message: 'ran', location: { file: 'toy.txt', line: 1, column: 1 } });
  },
});

describe('the framework seam', () => {
  const root = makeProject({ 'toy.txt': 'x\n', 'sub/toy.txt': 'y\n' });

  it("runs each project's rules by kind, with the framework's options, and reports the framework's summaries", async () => {
    const result = await runCheck({ root, rules: [toyRule as RuleDefinition, djangoOnly as RuleDefinition], frameworkOptions: { flavour: 'mint' } }, [toyFramework()]);
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => `${f.rule} ${'file' in f.location ? f.location.file : ''} ${f.message}`)).toEqual([
      'toy/marker sub/toy.txt marker mint',
      'toy/marker toy.txt marker mint',
    ]);
    expect(result.projects).toEqual([
      { kind: 'toy', root: '', marker: 'mint' },
      { kind: 'toy', root: 'sub', marker: 'mint' },
    ]);
    expect(result.grade.caps).toEqual([]);
  });

  it('drops the findings a project silences and caps the grade of an incomplete project', async () => {
    const result = await runCheck({ root, rules: [toyRule as RuleDefinition] }, [toyFramework({ silence: 'marker plain', incomplete: 'the toy file was not read' })]);
    expect(result.findings).toEqual([]);
    expect(result.grade.caps).toEqual([
      { rule: 'production', grade: 'B', reason: '.: incomplete: the toy file was not read' },
      { rule: 'production', grade: 'B', reason: 'sub: incomplete: the toy file was not read' },
    ]);
  });

  it('runs a users\' rule that names no kind on every project', async () => {
    const { kind: _kind, ...kindless } = toyRule;
    const result = await runCheck({ root, rules: [kindless as RuleDefinition] }, [toyFramework()]);
    expect(result.findings).toHaveLength(2);
  });

  it('finds no project, and runs no project rule, without a framework', async () => {
    const result = await runCheck({ root, rules: [toyRule as RuleDefinition] }, []);
    expect(result.projects).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});
