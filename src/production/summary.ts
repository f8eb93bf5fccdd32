/**
 * The production model as the reports show it: one line per project, every step with its source,
 * whether the result is complete, and (for `--explain`) the candidates, variables and assumptions.
 */
import type { Location } from '../core/location.js';
import { maskSecret } from '../core/mask.js';
import { isSecretName } from '../secrets/names.js';
import type { DjangoProject } from '../project/types.js';
import { envReadsOf } from '../python/value.js';
import { describeAssumption } from '../python/assumptions.js';
import type { Assumption } from '../python/types.js';
import { PLATFORM_NAMES } from '../env/platform.js';
import { djangoCompleteness } from './django-completeness.js';
import { CONFIGURATION_VARIABLE, SETTINGS_VARIABLE, settingsHow } from './django-settings.js';
import { entryLabel } from './entry.js';

import type { Deployment, ProductionStep } from './types.js';

export interface VariableSummary {
  name: string;
  /** `set`: with a value in the repository; `unknown`: set by the platform or a secret store, value not here; `unset`. */
  state: 'set' | 'unknown' | 'unset';
  /** The value, masked unless the name is a plain switch (DEBUG, *_ENV, …). */
  value?: string;
  source?: string;
  location?: Location;
}

export interface CandidateSummary {
  module: string;
  how: string;
  exists: boolean;
  chosen: boolean;
  rejected?: string;
  location?: Location;
}

/** Something the model could not decide and assumed, said aloud. */
export interface AssumptionSummary {
  /** The full wording, e.g. `assumed DJANGO_ENV=production (the branch that names production; pass \`--set DJANGO_ENV=…\` to choose another)`. */
  text: string;
  /** For a value assumed for an environment variable: `DJANGO_ENV=production` (the production line shows these). */
  assumed?: string;
  /** The code that selects on the variable, when there is one. */
  location?: Location;
}

export interface ProductionSummary {
  /** `Procfile:1 web → gunicorn config.wsgi → config.settings.production (wsgi.py setdefault at …) · Heroku`. */
  line: string;
  steps: ProductionStep[];
  deployment: Deployment;
  /** Whether the project's rules ran: false for a project no deploy entry point reaches while another is deployed. */
  checked: boolean;
  /** Whether the settings that decide the grade were read (absent when not checked). */
  complete?: boolean;
  missing?: string[];
  /** The flags that change what was inferred. */
  hint: string;
  candidates: CandidateSummary[];
  variables: VariableSummary[];
  assumptions: AssumptionSummary[];
}

/** Names whose values are switches, not secrets: shown in full. */
const PLAIN_NAME = /^(?:\w+_)?(?:DEBUG|SETTINGS_MODULE|CONFIGURATION|ENV|ENVIRONMENT|ALLOWED_HOSTS|PORT|SSL_REDIRECT|STAGE)$/;
/** A switch (`False`, `on`) tells nothing secret, whatever the variable's name. */
const SWITCH_VALUE = /^(?:true|false|yes|no|on|off|none)$/i;
/** Names whose digits are a count or a duration (`WEB_CONCURRENCY=3`, `HSTS_SECONDS=31536000`), not a PIN. */
const COUNT_NAME = /^(?:\w+_)?(?:PORT|WORKERS|CONCURRENCY|THREADS)$|_(?:SECONDS|AGE|TIMEOUT|COUNT)$/;
/** A credential URL (`scheme://user:pw@host`), or anything else with an `@`, is never shown, whatever the name. */
const CREDENTIAL_VALUE = /@/;

/** Whether a variable's value can be shown in full. */
function isPlain(name: string, value: string): boolean {
  if (isSecretName(name) || CREDENTIAL_VALUE.test(value)) return false;
  if (SWITCH_VALUE.test(value)) return true;
  if (/^\d{1,12}$/.test(value)) return COUNT_NAME.test(name) || PLAIN_NAME.test(name);
  return PLAIN_NAME.test(name);
}

function locationText(location: Location | undefined): string {
  return location && 'file' in location ? `${location.file}:${location.line}` : '';
}

/** The one-line story: entry → server → settings module (how) · platforms (assumed values). */
export function productionLine(project: DjangoProject, assumed: readonly Assumption[] = []): string {
  const { production } = project;
  const parts: string[] = [];
  const entry = production.entry;
  if (entry) parts.push(`${locationText(entry.command.location)} ${entryLabel(entry.command)}`.trim());
  if (entry?.server) parts.push([entry.server.server, entry.server.appModule].filter(Boolean).join(' '));
  const settings = production.settings;
  parts.push(settings ? `${settings.module} (${settingsHow(settings)})` : 'no settings module');
  const platforms = production.platforms.filter((fact) => fact.platform !== 'docker' || production.platforms.length === 1);
  const where = platforms.map((fact) => (fact.how === 'marker' ? `${PLATFORM_NAMES[fact.platform]}, from ${fact.evidence}` : PLATFORM_NAMES[fact.platform]));
  const assumedText = assumed.length ? ` (assumed ${assumed.map((a) => `${a.variable}=${a.value}`).join(', ')})` : '';
  return `${parts.join(' → ')}${where.length ? ` · ${where.join(', ')}` : ''}${assumedText}`;
}

/**
 * The values assumed for undecided variables, one per variable: the entry point's (which chose
 * the settings module) first, then the settings' own (evaluated only for a checked project).
 */
function assumedValues(project: DjangoProject, checked: boolean): Assumption[] {
  const all = [...project.production.assumed, ...(checked ? (project.settings?.assumptions ?? []) : [])];
  return all.filter((assumption, index) => all.findIndex((other) => other.variable === assumption.variable) === index);
}

function variables(project: DjangoProject): VariableSummary[] {
  const environment = project.environment;
  const names = new Set<string>([SETTINGS_VARIABLE, CONFIGURATION_VARIABLE]);
  const settings = project.settings;
  // Reads of variables set with no value or location here: a dotenv file the settings load that production has but the repository does not.
  const unseen = new Map<string, string>();
  if (settings) {
    for (const value of settings.values.values()) {
      for (const read of envReadsOf(value)) {
        names.add(read.name);
        if (read.set && !read.source && read.sourceLabel && !environment.get(read.name)) unseen.set(read.name, read.sourceLabel);
      }
    }
  }
  const summaries: VariableSummary[] = [];
  for (const name of [...names].sort()) {
    const variable = environment.get(name);
    if (!variable) {
      if (name === SETTINGS_VARIABLE || name === CONFIGURATION_VARIABLE) continue;
      const source = unseen.get(name);
      summaries.push(source ? { name, state: 'unknown', source } : { name, state: 'unset' });
      continue;
    }
    const shown = variable.value === undefined ? undefined : isPlain(name, variable.value) ? variable.value : maskSecret(variable.value);
    summaries.push({
      name,
      state: variable.value === undefined ? 'unknown' : 'set',
      ...(shown !== undefined ? { value: shown } : {}),
      source: variable.source.label,
      ...(variable.source.location ? { location: variable.source.location } : {}),
    });
  }
  return summaries;
}

/** Whether the project's rules run: every project, unless a deploy entry point reaches another one and not it. */
export function isChecked(project: DjangoProject): boolean {
  return project.production.deployment.status !== 'not-deployed';
}

export function summarizeProduction(project: DjangoProject): ProductionSummary {
  const { production } = project;
  const checked = isChecked(project);
  const completeness = checked ? djangoCompleteness(production, project.settings, project.environment) : undefined;
  const assumed = assumedValues(project, checked);
  return {
    line: productionLine(project, assumed),
    steps: production.steps,
    deployment: production.deployment,
    checked,
    ...(completeness ? { complete: completeness.complete, missing: completeness.missing } : {}),
    hint: !completeness || completeness.complete ? 'pass --settings or --set to change it' : completeness.hint,
    candidates: production.candidates.map((candidate) => ({
      module: candidate.module,
      how: settingsHow(candidate),
      exists: candidate.exists,
      chosen: candidate === production.settings,
      ...(candidate.rejected ? { rejected: candidate.rejected } : {}),
      ...(candidate.location ? { location: candidate.location } : {}),
    })),
    variables: checked ? variables(project) : [],
    assumptions: [
      ...production.assumptions.map((text) => ({ text })),
      ...assumed.map((assumption) => ({ text: describeAssumption(assumption), assumed: `${assumption.variable}=${assumption.value}`, location: assumption.location })),
    ],
  };
}
