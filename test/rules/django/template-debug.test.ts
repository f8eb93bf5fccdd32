import { ruleTester, settings52 as settings, type Files } from '../../helpers/rule-tester.js';

const templates = (debug: string): Files =>
  settings("import os\nTEMPLATES = [{\n    'BACKEND': 'django.template.backends.django.DjangoTemplates',\n" + `    'OPTIONS': {'debug': ${debug}},\n}]\n`);

ruleTester('django/template-debug', {
  valid: [
    { name: 'off', files: templates('False') },
    { name: 'absent', files: settings("TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates'}]\n") },
  ],
  invalid: [
    {
      name: "OPTIONS['debug'] = True",
      files: templates('True'),
      findings: [{ at: 'mysite/settings.py:4', severity: 'high', confidence: 'certain', message: "TEMPLATES[0]['OPTIONS']['debug']" }],
    },
    {
      name: 'env-dependent and defaulting to on: confidence default',
      files: templates("os.environ.get('TEMPLATE_DEBUG', 'on') == 'on'"),
      findings: [{ confidence: 'default' }],
    },
  ],
});
