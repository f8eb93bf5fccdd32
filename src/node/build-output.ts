/**
 * Build output tracked in git: a Next.js `.next/` folder, or source maps of the client bundles the app serves
 * (`public/`, `static/`, `out/`, `build/`, and `dist/` of a front end). Only files git tracks count: an
 * untracked or ignored build folder is the normal state of a working tree.
 */
import type { Workspace } from '../workspace/types.js';
import { inVendoredDir } from '../workspace/vendored.js';

export interface CommittedOutput {
  /** The folder the finding is about: `.next/`, `public/`, `web/dist/`. */
  folder: string;
  kind: 'next-build' | 'source-maps';
  /** Tracked files in it (for `.next/`) or tracked source maps (for the others), sorted. */
  files: string[];
}

/** Folders that hold files served to browsers as they are. */
const SERVED = new Set(['public', 'static', 'out', 'build', 'www']);
/** Third-party code copied into a served folder: its maps show a library's source, not the app's. */
const THIRD_PARTY = new Set(['vendor', 'vendors', 'lib', 'libs', 'third-party', 'third_party', 'plugins', 'node_modules']);
const SOURCE_MAP = /\.(?:c|m)?js\.map$/;
/** Maps of well-known libraries copied into a served folder (`bootstrap.min.js.map`): their source is public anyway. */
const LIBRARY_MAP = /^(?:bootstrap|jquery|popper|vue|react|react-dom|angular|lodash|moment|chart|d3|three|axios|socket\.io|leaflet|select2|swiper|alpine|htmx|fontawesome|bulma|materialize|semantic|tailwind)[\w.-]*\.js\.map$/i;

function under(root: string, path: string): string | undefined {
  if (root === '') return path;
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : undefined;
}

/**
 * The committed build output of the Node project at `root` (workspace-relative, '' for the top).
 * `distIsClient`: the project's `dist/` holds a front end's bundles (Vite, webpack, Angular), not server code.
 */
export function committedBuildOutput(workspace: Workspace, root: string, distIsClient: boolean): CommittedOutput[] {
  const groups = new Map<string, CommittedOutput>();
  const add = (folder: string, kind: CommittedOutput['kind'], file: string): void => {
    const key = `${kind} ${folder}`;
    const group = groups.get(key) ?? { folder, kind, files: [] };
    group.files.push(file);
    groups.set(key, group);
  };
  const prefix = root === '' ? '' : `${root}/`;
  for (const path of workspace.files) {
    const inProject = under(root, path);
    if (inProject === undefined || inVendoredDir(path)) continue;
    const segments = inProject.split('/');
    if (segments[0] === '.next' && segments.length > 1) {
      if (workspace.isTracked(path) === true) add(`${prefix}.next/`, 'next-build', path);
      continue;
    }
    if (!SOURCE_MAP.test(path)) continue;
    const top = segments[0]!;
    if (!SERVED.has(top) && !(top === 'dist' && distIsClient)) continue;
    if (segments.some((segment) => THIRD_PARTY.has(segment)) || LIBRARY_MAP.test(segments[segments.length - 1]!)) continue;
    if (workspace.isTracked(path) === true) add(`${prefix}${top}/`, 'source-maps', path);
  }
  return [...groups.values()].map((group) => ({ ...group, files: group.files.sort() }));
}

/** Packages whose `dist/` (or `build/`) output is a browser bundle rather than a server. */
const CLIENT_BUNDLERS = ['vite', 'react-scripts', '@angular/core', '@vue/cli-service', 'parcel', 'webpack'];
/** Server frameworks: with one of them, `dist/` is the compiled server. */
const SERVER_PACKAGES = ['express', 'koa', 'fastify', '@nestjs/core', 'next', '@hapi/hapi'];

/** Whether a package's `dist/` is a front end's bundle (a bundler and no server framework among its dependencies). */
export function distIsClientBundle(dependencies: Readonly<Record<string, string>>): boolean {
  return CLIENT_BUNDLERS.some((name) => name in dependencies) && !SERVER_PACKAGES.some((name) => name in dependencies);
}
