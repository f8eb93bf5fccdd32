/**
 * Whether deploycheck read enough of a Django project's production settings to grade it: a settings
 * module was chosen and found, and DEBUG, SECRET_KEY, ALLOWED_HOSTS and DATABASES have values.
 */
import type { Environment } from '../env/types.js';
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

/** The parts of a value that were not evaluated: itself, or the items of a list, or a DATABASES default. */
function unknownParts(value: PyValue): PyValue[] {
  const target = value.kind === 'dict' ? (dictGet(value, 'default') ?? value) : value;
  if (target.kind === 'unknown') return [target];
  if (target.kind === 'list' || target.kind === 'tuple' || target.kind === 'set') return target.items.filter((item) => item.kind === 'unknown');
  return [];
}

function unread(value: PyValue, secretOk: boolean, environment: Environment): string | undefined {
  const parts = unknownParts(value);
  if (parts.length === 0) return undefined;
  const reads = parts.flatMap((part) => envReadsOf(part));
  const unexplained = parts.filter((part) => envReadsOf(part).length === 0);
  if (unexplained.length > 0) return unexplained[0]!.kind === 'unknown' ? unexplained[0]!.reason : 'not evaluated';
  if (secretOk) return undefined;
  // A value made only of what the platform sets at run time (Render's RENDER_EXTERNAL_HOSTNAME) is the
  // platform's own fact about the app, not configuration the repository leaves out.
  if (reads.every((read) => environment.get(read.name)?.source.kind === 'platform')) return undefined;
  return `depends on ${[...new Set(reads.map((read) => read.name))].join(', ')}, whose production value is not in the repository`;
}

export function djangoCompleteness(model: ProductionModel, settings: Settings | undefined, environment: Environment): Completeness {
  const missing: string[] = [...model.gaps];
  const variables = new Set<string>();
  if (!model.settings) missing.push('no settings module is named');
  else if (!settings) missing.push(`the settings module ${model.settings.module} is not in the repository`);
  else {
    for (const { name, secretOk } of KEY_SETTINGS) {
      const value = settings.get(name);
      const why = unread(value, secretOk, environment);
      if (why === undefined) continue;
      missing.push(`${name} cannot be evaluated (${why})`);
      for (const part of unknownParts(value)) for (const read of envReadsOf(part)) variables.add(read.name);
    }
  }
  const set = variables.size ? `--set ${[...variables].map((name) => `${name}=…`).join(' --set ')}` : '--set NAME=value';
  return { complete: missing.length === 0, missing, hint: `pass --settings or ${set}` };
}
