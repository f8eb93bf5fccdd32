/**
 * Which Django settings modules production uses. A key written in a settings module production never
 * imports (`local.py`, `dev.py`, `test_settings.py`, a `staging.py` nothing loads) is a development
 * key: it matters only if someone deploys with that module, not as the production key.
 */
import type { DjangoProject } from '../project/types.js';
import { baseName, dirName, isWithin } from '../workspace/paths.js';

/** Why a key is not the production key: the production module, when one is known, and whether the key is an unused default. */
export interface DevelopmentSettings {
  /** The settings module production runs; absent when the module is judged by its name alone. */
  productionModule?: string;
  /**
   * The file is production's, but production's SECRET_KEY is not this key: a default of an env read
   * (`env("DJANGO_SECRET_KEY", default="…")`) that production sets.
   */
  unusedDefault?: boolean;
}

/** Name tokens of settings modules for development, tests and CI (`dev.py`, `settings_local.py`, `test_settings.py`, `ci.py`). */
const DEV_TOKENS = new Set(['dev', 'devel', 'develop', 'development', 'local', 'locals', 'ci']);
/** A module of a `settings` package (`config/settings/local.py`). */
const SETTINGS_PACKAGE = /(?:^|\/)settings\/[^/]+\.py$/i;
/** A file named like a settings module (`settings.py`, `local_settings.py`, `settings_dev.py`). */
const SETTINGS_NAME = /settings[^/]*\.py$/i;

function isDevelopmentName(file: string): boolean {
  const stem = baseName(file).replace(/\.py$/i, '').toLowerCase();
  // `test`, `tests`, `testing`, `test_settings`'s `test`.
  return stem.split(/[._-]/).some((token) => DEV_TOKENS.has(token) || token.startsWith('test'));
}

/**
 * A function telling, for a Python file, whether it is a development settings module (and why), or
 * undefined: a production settings file (one the chosen settings module's evaluation read), or not a
 * settings module. Settings modules: those of a `settings` package, settings-named or development-named
 * modules beside the production settings file, and `*settings*.py` files with a development name. Without
 * a project whose settings were evaluated, only the module's name can say it is for development;
 * `definesKey` (it assigns SECRET_KEY) then makes `local.py` or `dev.py` a settings module.
 */
export function developmentSettingsOf(projects: readonly DjangoProject[]): (file: string, definesKey: boolean) => DevelopmentSettings | undefined {
  const evaluated = projects.flatMap((project) => (project.settings ? [{ root: project.root, settings: project.settings }] : []));
  const production = new Set(evaluated.flatMap((project) => project.settings.files));
  // Longest root first: the project a file belongs to.
  const owners = [...evaluated].sort((a, b) => b.root.length - a.root.length);
  return (file, definesKey) => {
    if (!file.endsWith('.py') || production.has(file)) return undefined;
    const owner = owners.find((project) => isWithin(file, project.root));
    const named = SETTINGS_NAME.test(baseName(file));
    if (owner) {
      const productionDir = dirName(owner.settings.file);
      // Python runs a package's __init__.py before any module in it.
      const dir = dirName(file);
      if (baseName(file) === '__init__.py' && (dir === productionDir || isWithin(productionDir, dir))) return undefined;
      const beside = dir === productionDir && (named || isDevelopmentName(file));
      // An app's own `app_settings.py` elsewhere holds defaults the app reads, not a settings module of its own.
      const isSettings = SETTINGS_PACKAGE.test(file) || beside || (named && isDevelopmentName(file));
      return isSettings ? { productionModule: owner.settings.module } : undefined;
    }
    return (definesKey || named || SETTINGS_PACKAGE.test(file)) && isDevelopmentName(file) ? {} : undefined;
  };
}
