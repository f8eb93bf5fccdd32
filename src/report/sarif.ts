import { pathToFileURL } from 'node:url';
import type { ReportInput, ReportRule } from './types.js';
import { reportRules } from './types.js';
import type { Location } from '../core/location.js';
import type { Severity } from '../core/severity.js';
import type { Finding } from '../engine/types.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/deploycheck';
const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** GitHub code scanning ranks alerts by this CVSS-like score (a numeric string). */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

/** `django/debug` → `DjangoDebug`: SARIF wants a rule name that is one word. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/** A path as a relative URI reference: each segment percent-encoded, so `:`, `#`, `?` and spaces are data. */
function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * A live-scan finding's URL as a repository-relative path: `https://example.com:8443/admin/?q` →
 * `example.com_8443/admin/`. GitHub code scanning rejects results whose artifact URI has a scheme
 * other than `file` ("SARIF URI scheme "https" did not match the checkout URI scheme "file"",
 * github/codeql-action#754, goodwithtech/dockle#207) and hides results without a URI, so the URL
 * becomes a path-like name (no region: it is not a file) and the full URL goes into a logical
 * location and `properties.url`.
 */
function urlAsPath(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.port ? `${parsed.hostname}_${parsed.port}` : parsed.hostname;
    return relativeUri(`${host}${decodeURIComponent(parsed.pathname)}`.replace(/^\/+/, ''));
  } catch {
    return relativeUri(url.replace(/^[a-z][a-z0-9+.-]*:\/*/i, '')) || 'unknown';
  }
}

function physicalLocation(location: Location) {
  if (!('file' in location)) return { artifactLocation: { uri: urlAsPath(location.url), uriBaseId: SRCROOT } };
  return {
    artifactLocation: { uri: relativeUri(location.file), uriBaseId: SRCROOT },
    region: {
      startLine: location.line,
      startColumn: location.column,
      ...(location.endLine !== undefined ? { endLine: location.endLine } : {}),
      ...(location.endColumn !== undefined ? { endColumn: location.endColumn } : {}),
    },
  };
}

function sarifLocation(location: Location) {
  return {
    physicalLocation: physicalLocation(location),
    ...('url' in location ? { logicalLocations: [{ fullyQualifiedName: location.url, kind: 'resource' }] } : {}),
  };
}

function helpMarkdown(rule: ReportRule): string {
  const fence = '`'.repeat(Math.max(3, ...[...rule.docs.fix.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  const refs = rule.docs.refs?.length ? `\n\n${rule.docs.refs.map((ref) => `- <${ref}>`).join('\n')}` : '';
  return `${rule.docs.why}\n\n**How to fix**\n\n${fence}text\n${rule.docs.fix}\n${fence}${refs}`;
}

function sarifRule(rule: ReportRule) {
  const djangoIds = rule.django === undefined ? [] : Array.isArray(rule.django) ? rule.django : [rule.django];
  const refs = rule.docs.refs ?? [];
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.docs.why },
    help: { text: `${rule.docs.why}\n\nHow to fix:\n${rule.docs.fix}`, markdown: helpMarkdown(rule) },
    ...(refs[0] ? { helpUri: refs[0] } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', 'deployment', rule.id.split('/')[0]!, ...djangoIds],
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

function sarifResult(finding: Finding, ruleIndex: number) {
  const properties = {
    severity: finding.severity,
    confidence: finding.confidence,
    ...(finding.evidence !== undefined ? { evidence: finding.evidence } : {}),
    ...(finding.django ? { django: finding.django } : {}),
    ...('url' in finding.location ? { url: finding.location.url } : {}),
  };
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [sarifLocation(finding.location)],
    ...(finding.related.length
      ? {
          relatedLocations: finding.related.map((related, index) => ({
            id: index + 1,
            ...sarifLocation(related.location),
            message: { text: related.message },
          })),
        }
      : {}),
    partialFingerprints: { 'deploycheck/v1': finding.fingerprint },
    properties,
  };
}

/** A SARIF 2.1.0 log with one run, in the subset GitHub code scanning accepts. */
export function formatSarif(input: ReportInput, toolVersion: string): string {
  const rules = reportRules(input);
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const root = input.root ? pathToFileURL(input.root).href.replace(/\/?$/, '/') : undefined;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'deploycheck',
            version: toolVersion,
            semanticVersion: toolVersion,
            informationUri: INFORMATION_URI,
            rules: rules.map(sarifRule),
          },
        },
        originalUriBaseIds: {
          [SRCROOT]: root ? { uri: root } : { description: { text: 'The directory deploycheck checked.' } },
        },
        invocations: [
          {
            executionSuccessful: input.errors.length === 0,
            ...(input.errors.length
              ? {
                  toolExecutionNotifications: input.errors.map((error) => ({
                    level: 'error',
                    message: { text: error },
                  })),
                }
              : {}),
          },
        ],
        results: input.findings.map((finding) => sarifResult(finding, index.get(finding.rule)!)),
        properties: { ...(input.kind ? { kind: input.kind } : {}), grade: input.grade.grade, score: input.grade.score },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
