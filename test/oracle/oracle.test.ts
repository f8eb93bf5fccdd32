/**
 * Differential tests against real Django: for every oracle case, the deploy-check ids Django 3.2
 * reports must be (1) the ones variants.ts expects and (2) exactly the `django` ids of
 * deploycheck's findings for the same fixture, settings module and environment.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { requireSystem } from '../helpers/integration.js';
import { djangoAvailable, fixturePath, jobFor, runDjangoChecks } from './django-oracle.js';
import type { CheckOptions, CheckResult } from '../../src/engine/check.js';
import type { DjangoResult } from './django-oracle.js';
import { DEPLOY_CHECK_IDS, ORACLE_CASES, isDeployCheckId } from './variants.js';

function sortedDeployIds(ids: Iterable<string>): string[] {
  return [...new Set([...ids].filter(isDeployCheckId))].sort();
}

function djangoIds(result: DjangoResult): string[] {
  if ('error' in result) throw new Error(`Django could not check the project: ${result.error}\n${result.traceback ?? ''}`);
  return sortedDeployIds(result.messages.map((message) => message.id));
}

/** "missing: a, b; unexpected: c" — what `actual` lacks and adds compared with `reference`. */
function describeDifference(reference: string[], actual: string[]): string {
  const missing = reference.filter((id) => !actual.includes(id));
  const unexpected = actual.filter((id) => !reference.includes(id));
  return [
    missing.length > 0 ? `missing: ${missing.join(', ')}` : '',
    unexpected.length > 0 ? `unexpected: ${unexpected.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

describe('oracle cases', () => {
  it.each(DEPLOY_CHECK_IDS)('%s fires in some case and stays quiet in another', (id) => {
    const firing = ORACLE_CASES.filter((oracleCase) => oracleCase.expected.includes(id));
    const quiet = ORACLE_CASES.filter((oracleCase) => !oracleCase.expected.includes(id));
    expect(firing.length, `no case triggers ${id}`).toBeGreaterThan(0);
    expect(quiet.length).toBeGreaterThan(0);
  });

  it('have unique names', () => {
    const names = ORACLE_CASES.map((oracleCase) => oracleCase.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

const skipDjango = requireSystem('Django 3.2 under /usr/bin/python3', djangoAvailable());

describe.skipIf(skipDjango)('real Django 3.2', () => {
  let results: DjangoResult[] = [];

  beforeAll(async () => {
    const started = performance.now();
    results = await runDjangoChecks(ORACLE_CASES.map(jobFor));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.info(`[oracle] Django checked ${ORACLE_CASES.length} cases in ${seconds}s`);
  });

  describe('reports what variants.ts expects', () => {
    it.each(ORACLE_CASES.map((oracleCase, index) => ({ ...oracleCase, index })))('$fixture $settings: $name', ({ index, expected }) => {
      const actual = djangoIds(results[index]!);
      const wanted = sortedDeployIds(expected);
      expect(actual, describeDifference(wanted, actual)).toEqual(wanted);
    });
  });

  it('cannot import the settings with a syntax error', async () => {
    const [result] = await runDjangoChecks([{ project: fixturePath('broken'), settings: 'syntax_site.settings', env: {} }], {
      concurrency: 1,
    });
    expect(result).toMatchObject({ error: expect.stringMatching(/^SyntaxError/) });
  });

  describe('agrees with deploycheck', () => {
    // Imported here so the Django half above runs even while the engine does not load.
    let runCheck: (options: CheckOptions) => Promise<CheckResult>;
    beforeAll(async () => {
      ({ runCheck } = await import('../../src/frameworks.js'));
    });

    it.each(ORACLE_CASES.map((oracleCase, index) => ({ ...oracleCase, index })))(
      '$fixture $settings: $name',
      async ({ index, fixture, settings, set }) => {
        const reference = djangoIds(results[index]!);
        const result = await runCheck({ root: fixturePath(fixture), frameworkOptions: { settings }, set: set ?? {}, env: 'production' });
        const actual = sortedDeployIds(result.findings.flatMap((finding) => (finding.django ? [finding.django] : [])));
        expect(actual, `deploycheck vs Django: ${describeDifference(reference, actual)}`).toEqual(reference);
      },
    );
  });
});
