/** django/upload-limit-disabled — a DATA_UPLOAD_MAX_* request limit is turned off with None. */
import { defineRule, settingReport } from '../../src/api/django.js';

const LIMITS: { name: string; guards: string }[] = [
  { name: 'DATA_UPLOAD_MAX_MEMORY_SIZE', guards: 'request bodies (other than file uploads) of any size are read into memory' },
  { name: 'DATA_UPLOAD_MAX_NUMBER_FIELDS', guards: 'a request may carry any number of form fields' },
  // Added in 3.2.18 / 4.0.10 / 4.1.7: a project that sets it knows its Django has it.
  { name: 'DATA_UPLOAD_MAX_NUMBER_FILES', guards: 'a request may carry any number of uploaded files' },
];

export default defineRule({
  id: 'django/upload-limit-disabled',
  title: 'A request size limit is disabled',
  severity: 'medium',
  docs: {
    why:
      'DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB), DATA_UPLOAD_MAX_NUMBER_FIELDS (1000) and DATA_UPLOAD_MAX_NUMBER_FILES ' +
      '(100) bound how much work one request can make Django do while parsing it. Setting one to None removes the ' +
      'bound, so a single crafted POST can exhaust memory or CPU (the hash-collision and multipart denial-of-service ' +
      'attacks these settings were added for). Raise a limit if you must; do not disable it.',
    fix:
      'Remove the override, or raise the limit to a number:\n\n' +
      'DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024   # 10 MB\n' +
      'DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#data-upload-max-memory-size',
      'https://docs.djangoproject.com/en/stable/ref/settings/#data-upload-max-number-fields',
      'https://docs.djangoproject.com/en/stable/ref/settings/#data-upload-max-number-files',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    for (const limit of LIMITS) {
      if (!settings.has(limit.name)) continue;
      const value = settings.get(limit.name);
      if (value.kind !== 'none') continue;
      ctx.report({
        ...settingReport(settings, limit.name, value),
        message: `${limit.name} is None, which disables the limit: ${limit.guards}`,
        snippet: `${limit.name} None`,
      });
    }
  },
});
