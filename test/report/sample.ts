import { fingerprint } from '../../src/engine/fingerprint.js';
import { grade } from '../../src/engine/grade.js';
import { maskSecret } from '../../src/core/mask.js';
import type { Location } from '../../src/core/location.js';
import type { Severity } from '../../src/core/severity.js';
import type { Finding } from '../../src/engine/types.js';
import type { ReportInput, ReportRule } from '../../src/report/types.js';

/** A SECRET_KEY as `startproject` writes it; the reports may show only its masked form. */
export const RAW_SECRET = 'django-insecure-_nvg^3p7*vehea+&ukoax$6h^x5brua!bs5b@ms&o&j@o1l*1u';

/** A message with everything the formats must escape: table pipes, `%`, a newline, XML specials, `::`. */
export const ODD_MESSAGE = "ALLOWED_HOSTS | '*' is 100% open\nsecond line <&> \"quoted\" ::warning:: `tick`";

function rule(id: string, title: string, severity: Severity, django?: string): ReportRule {
  return {
    id,
    title,
    severity,
    ...(django ? { django } : {}),
    docs: {
      why: `${title}: why it matters.`,
      fix: `Fix ${id}:\n\nSETTING = os.environ["X"]  # with \`backticks\``,
      refs: [`https://docs.example.com/${id}`],
    },
  };
}

/** The caps the sample's capping rules declare (as rules/django/debug.ts and secret-key-committed.ts do). */
const CAPS = new Map([
  ['django/debug', { grade: 'F', reason: 'DEBUG is on in production' }],
  ['django/secret-key-committed', { grade: 'F', reason: 'the production SECRET_KEY is committed' }],
]);

export const RULES: ReportRule[] = [
  rule('django/debug', 'DEBUG is on', 'critical', 'security.W018'),
  rule('django/allowed-hosts-wildcard', 'ALLOWED_HOSTS accepts any host', 'high'),
  rule('django/secret-key-committed', 'The production SECRET_KEY is committed', 'critical'),
  rule('django/hsts-missing', 'HSTS is off', 'medium', 'security.W004'),
  rule('web/hsts-header-missing', 'The site sends no HSTS header', 'medium'),
  rule('django/nosniff-off', 'nosniff is off', 'low', 'security.W006'),
];

function finding(
  ruleId: string,
  location: Location,
  message: string,
  extra: Partial<Finding> = {},
): Finding {
  const source = RULES.find((r) => r.id === ruleId)!;
  return {
    rule: ruleId,
    severity: source.severity,
    confidence: 'certain',
    title: source.title,
    message,
    location,
    related: [],
    fix: source.docs.fix,
    ...(typeof source.django === 'string' ? { django: source.django } : {}),
    fingerprint: fingerprint(ruleId, location, message),
    ...extra,
  };
}

export const FINDINGS: Finding[] = [
  finding(
    'django/debug',
    { file: 'mysite/settings.py', line: 26, column: 1, endLine: 26, endColumn: 13 },
    'DEBUG is True (DJANGO_DEBUG is unset and the code defaults to "1")',
    {
      confidence: 'default',
      related: [{ location: { file: '.env.production', line: 3, column: 1 }, message: 'DJANGO_DEBUG is not set here' }],
    },
  ),
  finding('django/allowed-hosts-wildcard', { file: 'mysite/settings.py', line: 28, column: 17 }, ODD_MESSAGE, {
    related: [
      { location: { file: 'deploy/app dir/fly.toml', line: 4, column: 3 }, message: 'the host list, from [env]' },
      { location: { url: 'https://example.com/' }, message: 'served for any Host header' },
    ],
  }),
  finding(
    'django/secret-key-committed',
    { file: 'mysite/settings.py', line: 23, column: 14 },
    `SECRET_KEY is a literal in the code (${maskSecret(RAW_SECRET)})`,
    { evidence: maskSecret(RAW_SECRET) },
  ),
  finding('web/hsts-header-missing', { url: 'https://example.com:8443/admin/login/?next=/x' }, 'No Strict-Transport-Security header'),
  finding('django/hsts-missing', { file: 'mysite/settings.py', line: 1, column: 1 }, 'SECURE_HSTS_SECONDS is not set'),
  // The same problem twice in one file: equal fingerprints, two issues.
  finding('django/hsts-missing', { file: 'mysite/settings.py', line: 40, column: 1 }, 'SECURE_HSTS_SECONDS is not set'),
];

export function sampleInput(overrides: Partial<ReportInput> = {}): ReportInput {
  const findings = overrides.findings ?? FINDINGS;
  return {
    kind: 'check',
    root: '/srv/projects/my site',
    findings,
    grade: grade(findings, CAPS),
    errors: [],
    rules: RULES,
    ...overrides,
  };
}
