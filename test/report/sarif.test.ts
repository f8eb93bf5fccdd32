import { describe, expect, it } from 'vitest';
import { FINDINGS, RULES, sampleInput } from './sample.js';
import { loadSchemaValidator } from './sarif-schema.js';
import { formatSarif } from '../../src/report/sarif.js';

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region?: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number };
  };
  logicalLocations?: { fullyQualifiedName: string; kind: string }[];
  message?: { text: string };
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        semanticVersion: string;
        informationUri: string;
        rules: {
          id: string;
          name: string;
          shortDescription: { text: string };
          help: { text: string; markdown: string };
          helpUri?: string;
          defaultConfiguration: { level: string };
          properties: { tags: string[]; 'security-severity': string };
        }[];
      };
    };
    originalUriBaseIds: Record<string, { uri?: string }>;
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { message: { text: string } }[] }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: SarifLocation[];
      relatedLocations?: SarifLocation[];
      partialFingerprints: Record<string, string>;
      properties: Record<string, string>;
    }[];
  }[];
}

const validate = loadSchemaValidator();

function sarif(input = sampleInput()): SarifLog {
  return JSON.parse(formatSarif(input, '1.2.3')) as SarifLog;
}

describe('SARIF report', () => {
  it('is valid against the official SARIF 2.1.0 schema, also with internal errors and without findings', () => {
    for (const input of [sampleInput(), sampleInput({ errors: ['rule x failed: boom'] }), sampleInput({ findings: [], root: undefined })]) {
      const log = JSON.parse(formatSarif(input, '1.2.3')) as unknown;
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
  });

  it('the schema check rejects a log GitHub would refuse (so the test above can fail)', () => {
    const log = sarif();
    (log.runs[0]!.results[0] as { level: string }).level = 'critical';
    expect(validate(log)).toBe(false);
  });

  it('describes the tool and every rule that ran, once each, with help and GitHub severity', () => {
    const { driver } = sarif().runs[0]!.tool;
    expect(driver).toMatchObject({ name: 'deploycheck', version: '1.2.3', semanticVersion: '1.2.3' });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    const debug = driver.rules[0]!;
    expect(debug).toMatchObject({
      name: 'DjangoDebug',
      shortDescription: { text: 'DEBUG is on' },
      helpUri: 'https://docs.example.com/django/debug',
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '9.5', tags: ['security', 'deployment', 'django', 'security.W018'] },
    });
    expect(debug.help.text).toContain('Fix django/debug:');
    // The fix contains backticks: the fence around it must be longer than any run inside.
    expect(debug.help.markdown).toContain('```text\nFix django/debug:');
    const severities = Object.fromEntries(driver.rules.map((r) => [r.id, [r.defaultConfiguration.level, r.properties['security-severity']]]));
    expect(severities).toMatchObject({
      'django/allowed-hosts-wildcard': ['error', '8.0'],
      'django/hsts-missing': ['warning', '5.5'],
      'django/nosniff-off': ['note', '3.0'],
    });
  });

  it('adds a rule a finding names when the rules that ran are not given', () => {
    const rules = sarif(sampleInput({ rules: undefined })).runs[0]!.tool.driver.rules.map((r) => r.id);
    expect(rules).toEqual([...new Set(FINDINGS.map((f) => f.rule))]);
  });

  it('maps each finding to a result with ruleIndex, level, a relative location and its fingerprint', () => {
    const run = sarif().runs[0]!;
    expect(run.results).toHaveLength(FINDINGS.length);
    run.results.forEach((result, i) => {
      const finding = FINDINGS[i]!;
      expect(result.ruleId).toBe(finding.rule);
      expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(finding.rule);
      expect(result.message.text).toBe(finding.message);
      expect(result.partialFingerprints).toEqual({ 'deploycheck/v2': finding.fingerprint });
      expect(result.locations).toHaveLength(1);
    });
    const [debug, hosts] = run.results;
    expect(debug!.level).toBe('error');
    expect(debug!.properties).toMatchObject({ confidence: 'default', severity: 'critical', django: 'security.W018' });
    expect(debug!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'mysite/settings.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: 26, startColumn: 1, endLine: 26, endColumn: 13 },
    });
    expect(run.originalUriBaseIds['%SRCROOT%']).toEqual({ uri: 'file:///srv/projects/my%20site/' });
    expect(hosts!.relatedLocations?.map((r) => [r.physicalLocation.artifactLocation.uri, r.message?.text])).toEqual([
      ['deploy/app%20dir/fly.toml', 'the host list, from [env]'],
      ['example.com/', 'served for any Host header'],
    ]);
  });

  it('gives a live-scan finding a scheme-less relative path (GitHub refuses https: URIs) and keeps the URL', () => {
    const result = sarif().runs[0]!.results.find((r) => r.ruleId === 'web/hsts-header-missing')!;
    expect(result.level).toBe('warning');
    expect(result.locations[0]).toEqual({
      physicalLocation: { artifactLocation: { uri: 'example.com_8443/admin/login/', uriBaseId: '%SRCROOT%' } },
      logicalLocations: [{ fullyQualifiedName: 'https://example.com:8443/admin/login/?next=/x', kind: 'resource' }],
    });
    expect(result.properties.url).toBe('https://example.com:8443/admin/login/?next=/x');
  });

  it('reports internal errors as a failed invocation', () => {
    const run = sarif(sampleInput({ errors: ['rule django/x failed: boom'] })).runs[0]!;
    expect(run.invocations[0]).toEqual({
      executionSuccessful: false,
      toolExecutionNotifications: [{ level: 'error', message: { text: 'rule django/x failed: boom' } }],
    });
    expect(sarif().runs[0]!.invocations[0]).toEqual({ executionSuccessful: true });
  });
});
