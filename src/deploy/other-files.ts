/**
 * Deploy files beyond the platform ones: deploy scripts (shell, Makefile, justfile, CI deploy jobs)
 * for the config they set and the compose chains they run; supervisor programs and systemd units;
 * uwsgi ini and gunicorn config files kept next to the deploy files. Every search is bounded.
 */
import type { FileLocation } from '../core/location.js';
import type { EnvVar } from '../env/types.js';
import type { Workspace } from '../workspace/types.js';
import { baseName, extensionOf, joinPath } from '../workspace/paths.js';
import { isVendoredIn } from '../workspace/vendored.js';
import type { ComposeChain, ScriptFormat } from './deploy-scripts.js';
import { readDeployScript } from './deploy-scripts.js';
import { pushedDockerfiles } from './workflow-images.js';
import { namesIn } from './locations.js';
import { isSupervisorConf, readSupervisorConf, readSystemdUnit } from './process-managers.js';
import type { DeployReading, DockerBuild } from './reading.js';
import { emptyReading } from './reading.js';
import { GUNICORN_CONFIG_NAMES, readGunicornConfig, readUwsgiIni } from './server-config.js';
import type { DeployFileKind } from './types.js';

/** At most this many files of each sort are read. */
const MAX_FILES = 30;
const NON_PRODUCTION_PATH = /(?:^|[/.\-_])(?:dev|develop|development|local|test|tests|ci|e2e|example|examples|devcontainer|vagrant)(?:$|[/.\-_])/i;
const UWSGI_INI = /(?:^|[-_.])uwsgi(?:[-_.][\w.-]*)?\.ini$/i;
const RELEVANT_SCRIPT = /config:set|secrets\s+set|--(?:set|update)-(?:env-vars|secrets)|railway\s+variables?|compose|--build-arg/;

export interface OtherDeployFiles {
  files: { kind: DeployFileKind; path: string; reading: DeployReading }[];
  /** Config deploy scripts set on the platform. */
  env: EnvVar[];
  composeChains: ComposeChain[];
  skipped: { file: string; reason: string; location?: FileLocation }[];
  /** The Dockerfiles CI workflows build and push to a registry (what a deployment pulls). */
  pushedImages: DockerBuild[];
}

function scriptCandidates(workspace: Workspace, dirs: string[], bases: string[]): [string, ScriptFormat][] {
  const found: [string, ScriptFormat][] = [];
  const add = (path: string, format: ScriptFormat): void => {
    if (found.length < MAX_FILES && !found.some(([known]) => known === path)) found.push([path, format]);
  };
  for (const base of bases) {
    for (const name of ['Makefile', 'makefile', 'GNUmakefile']) if (workspace.exists(joinPath(base, name))) add(joinPath(base, name), 'makefile');
    for (const name of ['justfile', 'Justfile', '.justfile']) if (workspace.exists(joinPath(base, name))) add(joinPath(base, name), 'justfile');
  }
  for (const name of [...namesIn(workspace, '.github/workflows')].sort()) {
    if (/\.ya?ml$/i.test(name)) add(joinPath('.github/workflows', name), 'workflow');
  }
  const scriptDirs = [...dirs, ...bases.flatMap((base) => [joinPath(base, 'scripts'), joinPath(base, 'bin')])];
  for (const dir of scriptDirs) {
    for (const name of [...namesIn(workspace, dir)].sort()) if (extensionOf(name) === 'sh') add(joinPath(dir, name), 'shell');
  }
  return found;
}

type Found = Pick<OtherDeployFiles, 'files' | 'skipped'>;

/** What does not depend on the project: the files of the whole repository that may be units, programs or uwsgi ini. */
interface RepositoryWide {
  productionFiles: string[];
  systemd: Found;
  uwsgi: Found;
}

const repositoryWideOf = new WeakMap<Workspace, RepositoryWide>();

/** Read once per workspace, however many projects it holds (a repository may hold tens of thousands of files). */
function repositoryWide(workspace: Workspace): RepositoryWide {
  const cached = repositoryWideOf.get(workspace);
  if (cached) return cached;
  const vendored = isVendoredIn(workspace);
  // One pass over the file list, by extension first.
  const productionFiles = workspace.files.filter(
    (path) => (path.endsWith('.service') || path.endsWith('.conf') || path.endsWith('.ini')) && !NON_PRODUCTION_PATH.test(path) && !vendored(path),
  );
  const wide: RepositoryWide = { productionFiles, systemd: { files: [], skipped: [] }, uwsgi: { files: [], skipped: [] } };
  const read = (path: string, into: Found): string | undefined => {
    const text = workspace.readText(path);
    if (text.ok) return text.text;
    into.skipped.push({ file: path, reason: text.message });
    return undefined;
  };
  for (const path of productionFiles.filter((candidate) => extensionOf(candidate) === 'service').slice(0, MAX_FILES)) {
    const text = read(path, wide.systemd);
    if (text === undefined || !/^\[Service\]/m.test(text)) continue;
    const unit = readSystemdUnit(path, text, workspace);
    wide.systemd.skipped.push(...unit.skipped);
    wide.systemd.files.push({ kind: 'systemd', path, reading: unit });
  }
  for (const path of productionFiles.filter((candidate) => UWSGI_INI.test(baseName(candidate))).slice(0, MAX_FILES)) {
    const text = read(path, wide.uwsgi);
    if (text === undefined) continue;
    const config = readUwsgiIni(path, text);
    const reading = emptyReading();
    reading.problems.push(...config.problems);
    if (config.appModule !== undefined || config.wsgiFile !== undefined) {
      // Nothing may name it (a VPS runs `uwsgi --ini` by hand or from an init system): its app is still what uwsgi serves.
      reading.commands.push({ text: `uwsgi --ini ${baseName(path)}`, process: 'uwsgi', kind: 'uwsgi-ini', location: { file: path, line: 1, column: 1 } });
    }
    wide.uwsgi.files.push({ kind: 'uwsgi-ini', path, reading });
  }
  repositoryWideOf.set(workspace, wide);
  return wide;
}

/** A project's copy of a shared file's reading: completing a project's commands sets fields on them. */
function ownCommands(file: OtherDeployFiles['files'][number]): OtherDeployFiles['files'][number] {
  return { ...file, reading: { ...file.reading, commands: file.reading.commands.map((command) => ({ ...command })) } };
}

export function readOtherDeployFiles(workspace: Workspace, dirs: string[], projectRoot: string): OtherDeployFiles {
  const result: OtherDeployFiles = { files: [], env: [], composeChains: [], skipped: [], pushedImages: [] };
  const bases = projectRoot === '' ? [''] : ['', projectRoot];
  const read = (path: string): string | undefined => {
    const text = workspace.readText(path);
    if (!text.ok) {
      result.skipped.push({ file: path, reason: text.message });
      return undefined;
    }
    return text.text;
  };

  for (const [path, format] of scriptCandidates(workspace, dirs, bases)) {
    const text = read(path);
    if (text !== undefined && format === 'workflow' && /docker\s+push|build-push-action/.test(text)) {
      result.pushedImages.push(...pushedDockerfiles(path, text).filter((build) => workspace.exists(build.dockerfile)));
    }
    // Most scripts, recipes and workflows set no platform config and run no compose chain: skip parsing them.
    if (text === undefined || !RELEVANT_SCRIPT.test(text)) continue;
    const script = readDeployScript(path, text, format);
    result.composeChains.push(...script.composeChains);
    if (script.env.length > 0 || script.buildArgs.length > 0) {
      result.env.push(...script.env);
      result.files.push({ kind: 'deploy-script', path, reading: { ...emptyReading(), buildArgs: script.buildArgs } });
    }
  }

  const wide = repositoryWide(workspace);
  result.files.push(...wide.systemd.files.map(ownCommands));
  result.skipped.push(...wide.systemd.skipped);
  const deployDirs = new Set(dirs);
  const supervisor = wide.productionFiles
    .filter((path) => /^(?:conf|ini)$/.test(extensionOf(path)) && (/supervisor/i.test(path) || (deployDirs.has(path.slice(0, Math.max(0, path.lastIndexOf('/')))) && extensionOf(path) === 'conf')))
    .slice(0, MAX_FILES);
  for (const path of supervisor) {
    const text = read(path);
    if (text !== undefined && isSupervisorConf(text)) result.files.push({ kind: 'supervisor', path, reading: readSupervisorConf(path, text) });
  }

  result.files.push(...wide.uwsgi.files.map(ownCommands));
  result.skipped.push(...wide.uwsgi.skipped);

  for (const dir of dirs) {
    for (const name of [...namesIn(workspace, dir)].sort()) {
      if (!GUNICORN_CONFIG_NAMES.has(name)) continue;
      const path = joinPath(dir, name);
      const text = read(path);
      if (text === undefined) continue;
      const reading = emptyReading();
      reading.problems.push(...readGunicornConfig(path, text).problems);
      result.files.push({ kind: 'gunicorn-config', path, reading });
    }
  }
  return result;
}
