import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';

const RULE = 'django/sentry-send-default-pii';
const HEADER = 'import os\nimport sentry_sdk\nfrom sentry_sdk.integrations.django import DjangoIntegration\n';

describe('django/sentry-send-default-pii', () => {
  it('reports sentry_sdk.init(send_default_pii=True), at the keyword', async () => {
    const settings = `${HEADER}sentry_sdk.init(\n    dsn=os.environ['SENTRY_DSN'],\n    integrations=[DjangoIntegration()],\n    send_default_pii=True,\n)\n`;
    const findings = await findingsOf(RULE, settingsProject(settings));
    expect(findings).toHaveLength(1);
    expect(at(findings[0])).toBe('mysite/settings.py:7');
    expect(findings[0]!.confidence).toBe('certain');
  });

  it('reports an alias import and a flag the code falls back to, at confidence default', async () => {
    const settings = "from sentry_sdk import init as start_sentry\nimport os\nstart_sentry(dsn='', send_default_pii=os.environ.get('SENTRY_PII', 'yes') == 'yes')\n";
    const [finding] = await findingsOf(RULE, settingsProject(settings));
    expect(finding!.confidence).toBe('default');
    expect(await findingsOf(RULE, settingsProject(settings), { set: { SENTRY_PII: 'no' } })).toEqual([]);
  });

  it('does not report the default, an explicit False, or an init in a module production never imports', async () => {
    expect(await findingsOf(RULE, settingsProject(`${HEADER}sentry_sdk.init(dsn='', integrations=[DjangoIntegration()])\n`))).toEqual([]);
    expect(await findingsOf(RULE, settingsProject(`${HEADER}sentry_sdk.init(dsn='', send_default_pii=False)\n`))).toEqual([]);
    const unused = { 'mysite/local.py': `${HEADER}sentry_sdk.init(dsn='', send_default_pii=True)\n` };
    expect(await findingsOf(RULE, settingsProject('DEBUG = False\n', unused))).toEqual([]);
  });
});
