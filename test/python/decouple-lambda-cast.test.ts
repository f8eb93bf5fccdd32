import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/frameworks.js';
import { makeProject } from '../helpers/project.js';
import { settingsFiles } from '../helpers/rule-tester.js';

const settingsProject = (body: string): string => makeProject(settingsFiles(body, {}, '5.2.8'));

/** python-decouple runs any callable given as `cast`: a lambda of the project is evaluated like its functions. */
describe('decouple config(): a cast written in the project', () => {
  const LINE = "from decouple import config\nALLOWED_HOSTS = config('SITE_HOSTS', default='a.example', cast=lambda v: [h.strip() for h in v.split(',')])\n";

  async function hosts(set: Record<string, string> = {}) {
    const result = await runCheck({ root: settingsProject(`${LINE}DEBUG = False\n`), only: ['django/allowed-hosts-wildcard'], set });
    expect(result.errors).toEqual([]);
    return result;
  }

  it('casts the value production sets with the lambda', async () => {
    // '*' only after the lambda's strip: the wildcard finding proves the cast ran.
    const { findings } = await hosts({ SITE_HOSTS: 'b.example,  * ' });
    expect(findings.map((finding) => finding.rule)).toEqual(['django/allowed-hosts-wildcard']);
  });

  it('casts the default too, as decouple does', async () => {
    const root = settingsProject("from decouple import config\nALLOWED_HOSTS = config('SITE_HOSTS', default=' * ', cast=lambda v: [h.strip() for h in v.split(',')])\n");
    const result = await runCheck({ root, only: ['django/allowed-hosts-wildcard'] });
    expect(result.findings.map((finding) => [finding.rule, finding.confidence])).toEqual([['django/allowed-hosts-wildcard', 'default']]);
  });

  it('gives a list without the wildcard when the lambda strips nothing into one', async () => {
    const { findings } = await hosts({ SITE_HOSTS: 'b.example, c.example' });
    expect(findings).toEqual([]);
  });
});
