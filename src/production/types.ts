import type { FileLocation, Location } from '../core/location.js';
import type { Assumption } from '../python/types.js';
import type { RuntimePlatform } from '../env/platform.js';
import type { Edge } from './edge.js';
import type { EntryCommand } from './entry.js';
import type { PlatformFact } from './platform.js';

/**
 * Where a settings module candidate came from. `command`: a deploy command names it (`--settings=`,
 * gunicorn `--env DJANGO_SETTINGS_MODULE=…`); `production-sibling`: nothing in production names one,
 * so the production module next to the entry point's default (`config.settings.production` beside
 * `config.settings.base`, star-importing a base) is taken.
 */
export type SettingsModuleOrigin = '--settings' | 'environment' | 'command' | 'wsgi.py' | 'asgi.py' | 'manage.py' | 'config' | 'production-sibling';

export interface SettingsCandidate {
  module: string;
  how: SettingsModuleOrigin;
  location?: Location;
  /** Whether the module's file is in the repository. */
  exists: boolean;
  /** An entry point's `setdefault`, which the environment would override. */
  fallback?: boolean;
  /** Why it was passed over, when it was. */
  rejected?: string;
  /** When the entry point selects it only under a condition (`DJANGO_ENV=production`): another branch than its own choice. */
  condition?: string;
  /** What evaluating the entry point assumed for variables production leaves undecided. */
  assumptions?: Assumption[];
  /** The env file the entry point loads (`load_dotenv()`) that named it. */
  dotenv?: string;
  /** When the module is not in the repository: the one that is assumed to be it (its package committed under another name). */
  standIn?: StandIn;
}

/**
 * A module of the repository evaluated in place of a named one that is not there: `Django/settings.py`
 * for `django_project.settings` when its code names `django_project.urls` as its ROOT_URLCONF.
 */
export interface StandIn {
  /** The dotted module of the file, as it is committed (`Django.settings`). */
  module: string;
  file: string;
  /** The top-level package production names and the folder it is committed as. */
  package: { named: string; committed: string };
  /** Why it is assumed: `Django/settings.py names django_project.urls as its ROOT_URLCONF`. */
  text: string;
  location: FileLocation;
}

/** One step of how production was inferred, in order: entry → server → app → settings → platform → edge. */
export interface ProductionStep {
  kind: 'entry' | 'server' | 'app' | 'settings' | 'platform' | 'edge';
  /** What was decided, e.g. `web`, `gunicorn config.wsgi`, `config.settings.production`, `render`. */
  value: string;
  /** How, e.g. `Procfile web process`, `wsgi.py setdefault`, `'RENDER' read in mysite/settings.py:12`. */
  how: string;
  location?: Location;
}

/** Whether the project is what production runs. */
export interface Deployment {
  /** `deployed`: a deploy entry point reaches it; `not-deployed`: another project is reached and this one is not; `unknown`: nothing says. */
  status: 'deployed' | 'not-deployed' | 'unknown';
  reason: string;
  location?: Location;
}

/** What production runs for one project, each fact with its source. Built before settings are evaluated. */
export interface ProductionModel {
  /** The web process production starts, when a deploy file says. */
  entry?: EntryCommand;
  /** The module the server imports the app from (`config.wsgi`) and its file, when found. */
  app?: { module: string; file?: string; location: Location };
  /** The settings module candidates, best first; `settings` is the chosen one. */
  candidates: SettingsCandidate[];
  settings?: SettingsCandidate;
  platforms: PlatformFact[];
  edge: Edge;
  deployment: Deployment;
  steps: ProductionStep[];
  /** Undecidable steps, said aloud instead of guessed silently. */
  assumptions: string[];
  /** Values assumed for variables production leaves undecided while selecting the settings module (the entry point's `DJANGO_ENV=production`). */
  assumed: Assumption[];
  /** Problems that make the result incomplete whatever the settings say (a named module not in the repository). */
  gaps: string[];
}

export type { EntryCommand, Edge, PlatformFact, RuntimePlatform };
