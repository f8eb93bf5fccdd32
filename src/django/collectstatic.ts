/**
 * What django/static-root-missing needs to know about `collectstatic`: whether it has anything to
 * write into STATIC_ROOT, and whether the deployment runs it at all.
 */
import type { FileLocation } from '../core/location.js';
import type { DjangoProject } from '../project/types.js';
import type { Settings } from '../python/types.js';
import { joinPath } from '../workspace/paths.js';
import { truthy } from '../python/value.js';
import type { Workspace } from '../workspace/types.js';
import { buildpackProcfile } from './buildpack.js';
import { settingLocation } from './setting-helpers.js';

/** Installed apps known to ship a static/ directory (the finders collect it). */
const APPS_WITH_STATIC = ['django.contrib.admin', 'django.contrib.gis', 'rest_framework', 'debug_toolbar', 'drf_yasg', 'grappelli'];

/** Files that may run collectstatic besides the deploy files: shell scripts, build tools, Heroku hooks, CI. */
const SCRIPT_FILE = /(?:^|\/)(?:[^/]+\.(?:sh|bash)|Makefile|makefile|justfile|Justfile|nixpacks\.toml|\.gitlab-ci\.ya?ml|bitbucket-pipelines\.yml|(?:docker-)?entrypoint[^/]*|(?:start|build|release|deploy)(?:\.[a-z]+)?)$|^bin\/[^/]+$|^\.github\/workflows\/[^/]+\.ya?ml$/;
const MAX_SCRIPTS = 200;
const COLLECTSTATIC = /\bcollectstatic\b/;

/**
 * Why collectstatic has something to write (a file to copy, or a manifest the storage writes even
 * for no files); 'unknown' when an app or STATICFILES_DIRS cannot be followed; undefined for
 * nothing, where Django copies 0 files and never needs STATIC_ROOT.
 */
export function staticSource(settings: Settings, workspace: Workspace, projectRoot: string, storageClass: string): string | 'unknown' | undefined {
  if (/Manifest/.test(storageClass)) return `${storageClass} writes its manifest`;
  const dirs = settings.get('STATICFILES_DIRS');
  if ((dirs.kind === 'list' || dirs.kind === 'tuple') && dirs.items.length) return 'STATICFILES_DIRS lists directories to collect';
  let unknown = dirs.kind !== 'list' && dirs.kind !== 'tuple';
  const apps = settings.get('INSTALLED_APPS');
  if (apps.kind !== 'list' && apps.kind !== 'tuple') return 'unknown';
  const staticDirs = new Set<string>();
  for (const file of workspace.files) {
    for (let at = file.indexOf('/static/'); at >= 0; at = file.indexOf('/static/', at + 1)) staticDirs.add(file.slice(0, at));
  }
  for (const app of apps.items) {
    if (app.kind !== 'str') {
      unknown = true;
      continue;
    }
    const shipped = APPS_WITH_STATIC.find((name) => app.value === name || app.value.startsWith(`${name}.apps.`));
    if (shipped) return `${shipped} ships static files`;
    // A project app (`blog`, `apps.blog`, `blog.apps.BlogConfig`): its package, or a parent of the AppConfig path.
    const parts = app.value.split('.');
    for (let length = parts.length; length > 0; length--) {
      const dir = joinPath(projectRoot, parts.slice(0, length).join('/'));
      if (staticDirs.has(dir)) return `${dir}/static/ holds the app's static files`;
    }
  }
  return unknown ? 'unknown' : undefined;
}

export type CollectstaticRun = { runs: true; by: string; location: FileLocation } | { runs: false };

/** The first line of a text that mentions collectstatic (1-based), if any. */
function mentionLine(text: string): number | undefined {
  const index = text.split('\n').findIndex((line) => COLLECTSTATIC.test(line));
  return index < 0 ? undefined : index + 1;
}

/**
 * Whether the deployment runs collectstatic: a deploy file, a script or a CI workflow names it, or
 * the Heroku Python buildpack runs it on every build (a Procfile app without heroku.yml, unless
 * DISABLE_COLLECTSTATIC is set). `runs: false` when there are deploy files and none of that holds;
 * undefined when the repository says nothing about its deployment.
 */
export function collectstaticRun(project: DjangoProject, workspace: Workspace): CollectstaticRun | undefined {
  const { deploy } = project;
  const candidates = [
    ...deploy.files.map((file) => file.path),
    ...workspace.files.filter((path) => SCRIPT_FILE.test(path)).slice(0, MAX_SCRIPTS),
  ];
  for (const path of new Set(candidates)) {
    const text = workspace.readText(path);
    const line = text.ok ? mentionLine(text.text) : undefined;
    if (line) return { runs: true, by: path, location: { file: path, line, column: 1 } };
  }
  const procfile = buildpackProcfile(project);
  const disabled = project.environment.get('DISABLE_COLLECTSTATIC');
  if (procfile && (!disabled || disabled.value === '0')) {
    return { runs: true, by: 'the Heroku Python buildpack (on every build)', location: { file: procfile.path, line: 1, column: 1 } };
  }
  return deploy.files.length ? { runs: false } : undefined;
}

/** Where production serves static files from a directory STATIC_ROOT would have to fill. */
export interface ServedStaticDir {
  /** How a message names it: `/code/static (fly.toml [[statics]])`. */
  what: string;
  location: FileLocation;
}

const WHITENOISE_MIDDLEWARE = 'whitenoise.middleware.WhiteNoiseMiddleware';

/** Whether the repository itself holds files in the served directory (its last path segment under the project or the deploy file). */
function committedFiles(workspace: Workspace, bases: readonly string[], servedPath: string): boolean {
  const name = servedPath.replace(/\/+$/, '').split('/').pop();
  if (!name) return false;
  const dirs = bases.map((base) => `${joinPath(base, name)}/`);
  return workspace.files.some((file) => dirs.some((dir) => file.startsWith(dir)));
}

/**
 * The static directory production serves without the app: a platform's own static handler (fly.toml
 * [[statics]], app.yaml static_dir) over a directory the repository does not commit, or WhiteNoise
 * (DEBUG off, no WHITENOISE_USE_FINDERS), which serves STATIC_ROOT only. Undefined when none.
 */
export function servedStaticDir(project: DjangoProject, workspace: Workspace, settings: Settings): ServedStaticDir | undefined {
  for (const dir of project.deploy.platformSettings.staticDirs ?? []) {
    const deployDir = dir.location.file.includes('/') ? dir.location.file.slice(0, dir.location.file.lastIndexOf('/')) : '';
    if (committedFiles(workspace, [project.root, deployDir], dir.path)) continue;
    const how = dir.location.file.endsWith('.toml') ? '[[statics]]' : 'static_dir';
    return { what: `${dir.path} (${dir.location.file} ${how})`, location: dir.location };
  }
  const middleware = settings.get('MIDDLEWARE');
  const whitenoise =
    (middleware.kind === 'list' || middleware.kind === 'tuple') &&
    middleware.items.find((item) => item.kind === 'str' && item.value === WHITENOISE_MIDDLEWARE);
  if (!whitenoise || truthy(settings.get('DEBUG')) !== false || truthy(settings.get('WHITENOISE_USE_FINDERS')) === true) return undefined;
  return { what: 'STATIC_ROOT through WhiteNoise (DEBUG off)', location: whitenoise.loc ?? settingLocation(settings, 'MIDDLEWARE') };
}
