import type { FileLocation, Location } from '../core/location.js';
import type { DeployView } from '../deploy/deploy-view.js';
import type { DeployFacts } from '../deploy/types.js';
import type { Environment } from '../env/types.js';
import type { Settings } from '../python/types.js';

import type { ProductionModel, SettingsModuleOrigin } from '../production/types.js';

export type { SettingsModuleOrigin };

export interface DjangoVersion {
  /** e.g. `3.2`, `4.2`, `5.2`. */
  version: string;
  /** Where it was read; absent when defaulted to the newest LTS. */
  source?: FileLocation;
}

/** Where the admin is mounted, as found in the URLconf. */
export interface AdminMount {
  /** The URL prefix, e.g. `admin/`. */
  path: string;
  location: FileLocation;
  /** `default` when the path holds only while a setting keeps its default (an env var unset). */
  confidence?: 'default';
}

/** Where the ROOT_URLCONF mounts django-debug-toolbar's views (`__debug__/`). */
export interface DebugToolbarMount {
  location: FileLocation;
  /** Under `if settings.DEBUG:` (or `… if settings.DEBUG else []`): absent while DEBUG is off. */
  gatedByDebug: boolean;
}

export interface UrlFacts {
  /** The ROOT_URLCONF file, workspace-relative, when found. */
  file?: string;
  adminMounts: AdminMount[];
  /** Toolbar mounts in the ROOT_URLCONF module itself (not in included modules); absent when it was not read. */
  debugToolbarMounts?: DebugToolbarMount[];
}

/** One Django project found in the workspace (a directory with manage.py or a settings module). */
export interface DjangoProject {
  readonly kind: 'django';
  /** Workspace-relative directory that is the project's Python path root ('' for the workspace root). */
  root: string;
  settingsModule?: string;
  settingsModuleOrigin?: { how: SettingsModuleOrigin; location?: Location };
  djangoVersion: DjangoVersion;
  /** What production runs (entry, app module, settings module, platform, edge) and how that was decided. */
  production: ProductionModel;
  /** Facts are built lazily, once, when a rule first reads them. */
  readonly environment: Environment;
  readonly settings: Settings | undefined;
  readonly deploy: DeployFacts;
  readonly urls: UrlFacts;
  /** What the deploy rules read (src/deploy/deploy-view.ts). */
  readonly deployView: DeployView;
}

/** Whether a project a framework found is a Django project (workspace rules see every kind). */
export function isDjangoProject(project: { kind: string }): project is DjangoProject {
  return project.kind === 'django';
}
