import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const HEADER = 'import os\nimport sentry_sdk\nfrom sentry_sdk.integrations.django import DjangoIntegration\n';
const settings = (body: string, extra: Files = {}): Files => settingsFiles(body, extra, '5.2.8');
const ALIAS_FALLBACK = "from sentry_sdk import init as start_sentry\nimport os\nstart_sentry(dsn='', send_default_pii=os.environ.get('SENTRY_PII', 'yes') == 'yes')\n";

ruleTester('django/sentry-send-default-pii', {
  valid: [
    { name: 'the default', files: settings(`${HEADER}sentry_sdk.init(dsn='', integrations=[DjangoIntegration()])\n`) },
    { name: 'an explicit False', files: settings(`${HEADER}sentry_sdk.init(dsn='', send_default_pii=False)\n`) },
    { name: 'an init in a module production never imports', files: settings('DEBUG = False\n', { 'mysite/local.py': `${HEADER}sentry_sdk.init(dsn='', send_default_pii=True)\n` }) },
    { name: 'a flag the code falls back to, production setting it off', files: settings(ALIAS_FALLBACK), set: { SENTRY_PII: 'no' } },
  ],
  invalid: [
    {
      name: 'sentry_sdk.init(send_default_pii=True), at the keyword',
      files: settings(`${HEADER}sentry_sdk.init(\n    dsn=os.environ['SENTRY_DSN'],\n    integrations=[DjangoIntegration()],\n    send_default_pii=True,\n)\n`),
      findings: [{ at: 'mysite/settings.py:7', confidence: 'certain' }],
    },
    { name: 'an alias import and a flag the code falls back to, at confidence default', files: settings(ALIAS_FALLBACK), findings: [{ confidence: 'default' }] },
  ],
});
