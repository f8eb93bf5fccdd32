import type { FileLocation } from '../core/location.js';
import type { EnvRead, PyValue } from './value.js';
import type { Interpreter } from './evaluator.js';
import { internalOf } from './internals.js';
import { float, int, list, str, unknown, withMeta } from './value-ops.js';
import type { CastResult } from './env-casts.js';
import { configurationsBool, configurationsSequence, parseJson, pyFloat, pyInt } from './env-casts.js';
import { djDatabaseUrlParse, environCacheUrl, environEmailUrl } from './db-url.js';

/** django-configurations `values.*Value` (research §4.5), resolved for the attribute that holds it. */

const URL_VALUES: Record<string, { variable: string; parse: (url: string) => CastResult; alias: boolean }> = {
  DatabaseURLValue: { variable: 'DATABASE_URL', parse: (url) => djDatabaseUrlParse(url), alias: true },
  CacheURLValue: { variable: 'CACHE_URL', parse: (url) => environCacheUrl(url), alias: true },
  EmailURLValue: { variable: 'EMAIL_URL', parse: (url) => environEmailUrl(url), alias: false },
  SearchURLValue: { variable: 'SEARCH_URL', parse: () => ({ ok: false, error: 'cast search URL is not modelled' }), alias: true },
};

export function resolveConfigurationsValue(interp: Interpreter, attribute: string, holder: PyValue, where: FileLocation): PyValue {
  const internal = internalOf(holder);
  if (internal?.tag !== 'configurations.Value') return holder;
  const { valueType, args } = internal;
  const kw = (name: string) => args.keywords.get(name);
  const url = URL_VALUES[valueType];
  const fallback = args.positional[0] ?? kw('default');
  const environ = kw('environ');
  const text = (v: PyValue | undefined) => (v?.kind === 'str' ? v.value : undefined);
  const environName = text(kw('environ_name')) ?? (url ? url.variable : attribute.toUpperCase());
  const prefixValue = kw('environ_prefix');
  const prefix = prefixValue ? (prefixValue.kind === 'str' ? prefixValue.value : '') : url ? '' : 'DJANGO';
  const variable = prefix ? `${prefix.replace(/_$/, '')}_${environName}` : environName;
  const alias = text(kw('alias')) ?? 'default';
  const wrap = (value: PyValue): PyValue =>
    url?.alias && value.kind === 'dict' ? { kind: 'dict', entries: [{ key: str(alias), value }], ...(value.env ? { env: value.env } : {}), ...(value.loc ? { loc: value.loc } : {}) } : value;
  const required = valueType === 'SecretValue' || (kw('environ_required')?.kind === 'bool' && (kw('environ_required') as { value: boolean }).value);
  if (environ?.kind === 'bool' && !environ.value) return fallback ? withMeta(convertDefault(fallback), { loc: holder.loc }) : unknown(`${attribute} has no default`, { loc: where });
  const { hit, read } = interp.env.read(variable, `configurations.values.${valueType}`, internal.defaultText !== undefined ? { defaultText: internal.defaultText } : {});
  const env: EnvRead[] = [read];
  if (!hit) {
    if (required) return interp.requiredRead('ValueError', `${variable} is not set: ${valueType} ${attribute} is required to be set as the environment variable ${variable}`, where, read);
    if (!fallback) return withMeta({ kind: 'none' }, { loc: holder.loc ?? where, env });
    return withMeta(convertDefault(fallback), { loc: fallback.loc ?? holder.loc ?? where, env });
  }
  if (hit.value === undefined) return unknown(`${variable} is set by ${hit.sourceLabel ?? 'the platform'}, value not known here`, { loc: where, env });
  const raw = hit.value;
  let result: CastResult;
  switch (valueType) {
    case 'BooleanValue':
      result = configurationsBool(raw);
      break;
    case 'IntegerValue':
    case 'PositiveIntegerValue':
      result = pyInt(str(raw));
      break;
    case 'FloatValue':
      result = pyFloat(str(raw));
      break;
    case 'ListValue':
      result = configurationsSequence(raw, 'list', text(kw('separator')) ?? ',');
      break;
    case 'TupleValue':
      result = configurationsSequence(raw, 'tuple', text(kw('separator')) ?? ',');
      break;
    case 'SetValue':
      result = configurationsSequence(raw, 'set', text(kw('separator')) ?? ',');
      break;
    case 'SecretValue':
      result = raw ? { ok: true, value: str(raw) } : { ok: false, error: `ValueError: Secret value ${variable} is empty` };
      break;
    case 'DictValue':
      result = parseJson(raw.replace(/'/g, '"'));
      break;
    case 'PathValue':
      result = { ok: true, value: str(raw) };
      break;
    default:
      result = url ? url.parse(raw) : { ok: true, value: str(raw) };
  }
  if (!result.ok) {
    if (result.error.startsWith('cast ')) return unknown(`${variable}: ${result.error}`, { loc: where, env });
    return interp.fail(result.error.split(':')[0] ?? 'ValueError', `${variable}=${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 4)}…` : raw)}: ${result.error}`, where, env);
  }
  return withMeta(wrap(result.value), { loc: where, env });

  /** The default is used as written, except URL values, whose string default is parsed. */
  function convertDefault(value: PyValue): PyValue {
    if (url && value.kind === 'str') {
      const parsed = url.parse(value.value);
      return parsed.ok ? wrap(parsed.value) : unknown(parsed.error);
    }
    if (valueType === 'IntegerValue' && value.kind === 'int') return int(value.value);
    if (valueType === 'FloatValue' && (value.kind === 'int' || value.kind === 'float')) return float(value.value);
    if ((valueType === 'ListValue' || valueType === 'TupleValue') && (value.kind === 'list' || value.kind === 'tuple')) return valueType === 'ListValue' ? list(value.items) : value;
    return value;
  }
}
