/**
 * A Node project through every CI format and the baseline, as on a Django one: valid SARIF and GitLab
 * reports, JUnit failures that count the findings, no secret of the fixture printed in full anywhere, and
 * a baseline that hides today's findings until a new one appears.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvModule from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSchemaValidator } from './sarif-schema.js';
import { parseXml } from './xml.js';
import { DEFAULT_BASELINE_FILE } from '../../src/engine/baseline.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'deploycheck-node-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FIXTURE = 'fixtures/node-express-insecure';
// The JWT key: the session secret ('keyboard cat') is also express-session's documented example, which rule docs quote.
const SECRET = 'teashop-jwt-signing-secret';

describe('a Node project in the CI formats', () => {
  it('writes valid SARIF, GitLab and JUnit reports with the same findings, masking the secrets', async () => {
    const out = (name: string) => join(dir, name);
    const run = await runCli('check', FIXTURE, '--format', `json:${out('r.json')}`, '--format', `sarif:${out('r.sarif')}`, '--format', `gitlab:${out('gl.json')}`, '--format', `junit:${out('j.xml')}`, '--format', `markdown:${out('r.md')}`, '--format', 'github');
    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(out('r.json'), 'utf8')) as { findings: { rule: string }[]; projects: { kind: string }[] };
    expect(report.projects.map((p) => p.kind)).toEqual(['node']);
    expect(report.findings.map((f) => f.rule)).toContain('node/session-secret-committed');

    const sarif = JSON.parse(readFileSync(out('r.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    const validateSarif = loadSchemaValidator();
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toEqual(report.findings.map((f) => f.rule));

    const gitlabSchema = JSON.parse(readFileSync('test/fixtures-data/gitlab/code-quality.schema.json', 'utf8')) as object;
    const validateGitlab = new AjvModule.default({ allErrors: true, strict: false }).compile(gitlabSchema);
    const gitlab = JSON.parse(readFileSync(out('gl.json'), 'utf8')) as unknown[];
    expect(validateGitlab(gitlab), JSON.stringify(validateGitlab.errors)).toBe(true);
    expect(gitlab).toHaveLength(report.findings.length);

    expect(parseXml(readFileSync(out('j.xml'), 'utf8')).attributes.failures).toBe(String(report.findings.length));

    const everything = [run.stdout, run.stderr, ...['r.json', 'r.sarif', 'gl.json', 'j.xml', 'r.md'].map((name) => readFileSync(out(name), 'utf8'))].join('\n');
    expect(everything).toContain('node/jwt-secret-committed');
    expect(everything).not.toContain(SECRET);
  });

  it('hides baselined findings and fails again on a new one', async () => {
    const root = join(dir, 'baselined');
    cpSync(FIXTURE, root, { recursive: true });
    const written = await runCli('baseline', root);
    expect(written.code).toBe(0);
    const baseline = ['--baseline', join(root, DEFAULT_BASELINE_FILE)];
    const clean = await runCli('check', root, '--format', 'json', ...baseline);
    expect(clean.code).toBe(0);
    expect((JSON.parse(clean.stdout) as { findings: unknown[] }).findings).toEqual([]);

    const server = join(root, 'server.js');
    writeFileSync(server, `${readFileSync(server, 'utf8')}\nrequire('jsonwebtoken').verify('t', 'another-inline-signing-key');\n`);
    const again = await runCli('check', root, '--format', 'json', ...baseline);
    expect(again.code).toBe(1);
    expect((JSON.parse(again.stdout) as { findings: { rule: string; location: { file: string } }[] }).findings.map((f) => `${f.rule} ${f.location.file}`)).toEqual(['node/jwt-secret-committed server.js']);
  });
});
