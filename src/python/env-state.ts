import type { FileLocation, Location } from '../core/location.js';
import type { Environment, EnvVar } from '../env/types.js';
import type { EnvRead } from './value.js';

/** What a lookup of one variable finds: its text (undefined = set by the platform, value not known). */
export interface EnvHit {
  value: string | undefined;
  source?: Location;
  sourceLabel?: string;
}

/**
 * The process environment as the settings code sees it: the chosen environment, then what the code
 * itself adds (`os.environ.setdefault`, `os.environ[X] = …`, dotenv loaders with setdefault semantics).
 */
export class EnvState {
  private readonly overlay = new Map<string, EnvHit>();
  /** Values deploycheck chose for undecided variables (see assumptions.ts). */
  private readonly assumed = new Map<string, string>();

  constructor(private readonly environment: Environment) {}

  /** Variables read as unset (null) or as a given text whatever sets them (see whileUnset, whileSetTo). */
  private readonly forced = new Map<string, EnvHit | null>();

  lookup(name: string): EnvHit | undefined {
    const forced = this.forced.get(name);
    if (forced !== undefined) return forced ?? undefined;
    const own = this.overlay.get(name);
    if (own) return own;
    const variable = this.environment.get(name);
    return variable ? hitOf(variable) : undefined;
  }

  /** Whether a what-if makes `name` unset: readers with their own files (decouple's .env) must not find it either. */
  isForcedUnset(name: string): boolean {
    return this.forced.get(name) === null;
  }

  /** Runs `body` as if `names` were unset. */
  whileUnset<T>(names: string[], body: () => T): T {
    return this.whileForced(names, null, body);
  }

  /** Runs `body` as if `names` were set to `text` (a what-if, not an assumption: nothing is recorded). */
  whileSetTo<T>(names: string[], text: string, body: () => T): T {
    return this.whileForced(names, { value: text, sourceLabel: 'what-if' }, body);
  }

  /** What the code writes to the environment during a what-if is forgotten with it. */
  private whileForced<T>(names: string[], hit: EnvHit | null, body: () => T): T {
    const added = names.filter((name) => !this.forced.has(name));
    for (const name of added) this.forced.set(name, hit);
    const overlay = new Map(this.overlay);
    const assumed = new Map(this.assumed);
    try {
      return body();
    } finally {
      for (const name of added) this.forced.delete(name);
      restore(this.overlay, overlay);
      restore(this.assumed, assumed);
    }
  }

  /** `os.environ[name] = value`: the code wins over everything. */
  assign(name: string, value: string | undefined, where: FileLocation): void {
    this.overlay.set(name, { value, source: where, sourceLabel: 'set in the settings code' });
  }

  /**
   * A value deploycheck gives a variable the environment leaves undecided (an assumption, or a
   * stand-in while finding which modules a selector may choose): it reads as set.
   */
  bind(name: string, value: string, where: FileLocation | undefined, label: string): void {
    this.overlay.set(name, { value, ...(where ? { source: where } : {}), sourceLabel: label });
    this.assumed.set(name, value);
  }

  /** Whether production runs on `platform` (`heroku`, `fly`, …), as the environment was built for. */
  onPlatform(platform: string): boolean {
    return this.environment.platforms?.includes(platform) ?? false;
  }

  /** The value bound with `bind`, if any. */
  assumedValue(name: string): string | undefined {
    return this.assumed.get(name);
  }

  /** setdefault semantics: only when the variable is not set yet. Returns whether it was added. */
  setDefault(name: string, hit: EnvHit): boolean {
    if (this.lookup(name)) return false;
    this.overlay.set(name, hit);
    return true;
  }

  /** Load variables from an env file: setdefault, or overwrite when `override` is true. */
  load(vars: EnvVar[], override: boolean): void {
    for (const variable of vars) {
      if (override) this.overlay.set(variable.name, hitOf(variable));
      else this.setDefault(variable.name, hitOf(variable));
    }
  }

  /** The EnvRead for `name` as found now. */
  read(name: string, reader: string, extra: { defaultText?: string; cast?: string } = {}): { hit: EnvHit | undefined; read: EnvRead } {
    const hit = this.lookup(name);
    return { hit, read: readOf(name, reader, hit, extra) };
  }
}

function restore<V>(target: Map<string, V>, saved: Map<string, V>): void {
  target.clear();
  for (const [key, value] of saved) target.set(key, value);
}

export function hitOf(variable: EnvVar): EnvHit {
  const hit: EnvHit = { value: variable.value, sourceLabel: variable.source.label };
  if (variable.source.location) hit.source = variable.source.location;
  return hit;
}

export function readOf(
  name: string,
  reader: string,
  hit: EnvHit | undefined,
  extra: { defaultText?: string; cast?: string } = {},
): EnvRead {
  const read: EnvRead = { name, reader, set: hit !== undefined };
  if (hit?.source) read.source = hit.source;
  if (hit?.sourceLabel) read.sourceLabel = hit.sourceLabel;
  if (extra.defaultText !== undefined) read.defaultText = extra.defaultText;
  if (extra.cast !== undefined) read.cast = extra.cast;
  return read;
}
