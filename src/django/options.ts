import type { FrameworkOption } from '../engine/framework.js';

/** Django's own options: on the command line (`--settings`) and as config environment keys (`settings`). */
export const DJANGO_OPTIONS: readonly FrameworkOption[] = [
  { key: 'settings', flag: '--settings <module>', description: 'settings module, overriding DJANGO_SETTINGS_MODULE' },
  { key: 'configuration', flag: '--configuration <class>', description: 'django-configurations class, overriding DJANGO_CONFIGURATION' },
];
