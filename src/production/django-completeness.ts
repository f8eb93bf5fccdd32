/**
 * Whether deploycheck read enough of a Django project's production settings to grade it: a settings
 * module was chosen and found, and DEBUG, SECRET_KEY, ALLOWED_HOSTS and DATABASES have values.
 */
import type { Settings } from '../python/types.js';
import type { PyValue } from '../python/value.js';
import { dictGet, envReadsOf } from '../python/value.js';
import type { ProductionModel } from './types.js';

export interface Completeness {
  complete: boolean;
  /** What could not be read, each a short phrase. */
  missing: string[];
  /** What the user can pass to complete it. */
  hint: string;
}

/**
 * Settings whose value decides the grade. `secretOk`: a value the platform's secret store provides
 * (read from the environment, value not in the repository) is what production should do, not a gap.
 */
const KEY_SETTINGS: { name: string; secretOk: boolean }[] = [
  { name: 'DEBUG', secretOk: false },
  { name: 'SECRET_KEY', secretOk: true },
  { name: 'ALLOWED_HOSTS', secretOk: false },
  { name: 'DATABASES', secretOk: true },
];

function unread(value: PyValue, secretOk: boolean): string | undefined {
  const target = value.kind === 'dict' ? (dictGet(value, 'default') ?? value) : value;
  if (target.kind !== 'unknown') return undefined;
  const reads = envReadsOf(target);
  if (secretOk && reads.length > 0) return undefined;
  const variables = reads.map((read) => read.name);
  return variables.length ? `depends on ${variables.join(', ')}, whose production value is not in the repository` : target.reason;
}

export function djangoCompleteness(model: ProductionModel, settings: Settings | undefined): Completeness {
  const missing: string[] = [...model.gaps];
  const variables = new Set<string>();
  if (!model.settings) missing.push('no settings module is named');
  else if (!settings) missing.push(`the settings module ${model.settings.module} is not in the repository`);
  else {
    for (const { name, secretOk } of KEY_SETTINGS) {
      const value = settings.get(name);
      const why = unread(value, secretOk);
      if (why === undefined) continue;
      missing.push(`${name} cannot be evaluated (${why})`);
      for (const read of envReadsOf(value)) variables.add(read.name);
    }
  }
  const set = variables.size ? `--set ${[...variables].map((name) => `${name}=…`).join(' --set ')}` : '--set NAME=value';
  return { complete: missing.length === 0, missing, hint: `pass --settings or ${set}` };
}
