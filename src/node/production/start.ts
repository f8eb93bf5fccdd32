/**
 * The command production starts a Node project with, and where it was read: a deploy file's web
 * process (Procfile, the deployed Dockerfile stage's CMD/ENTRYPOINT, fly.toml, render.yaml, a compose
 * service, …), railway.json/railway.toml, Vercel for a Next.js app, a pm2 ecosystem file, and last
 * what `npm start` runs (package.json scripts.start, the default of Heroku's and most platforms' Node
 * builds). `npm start` / `npm run x` are followed to the script they run.
 */
import type { FileLocation, Location } from '../../core/location.js';
import { isFileLocation } from '../../core/location.js';
import { JsonSource, jsonText, jsonValue } from '../../deploy/json-source.js';
import { isTable, TomlSource } from '../../deploy/toml-source.js';
import type { DeployCommand, DeployFacts } from '../../deploy/types.js';
import { chooseEntry } from '../../production/entry.js';
import { baseName, dirName, isWithin, joinPath, resolveFrom } from '../../workspace/paths.js';
import type { Workspace } from '../../workspace/types.js';
import type { PackageJson } from '../types.js';
import { parseStart } from './command.js';
import type { ParsedStart } from './command.js';
import { startOfScript } from './start-script.js';

export interface StartCommand {
  command: string;
  location: Location;
  how: string;
  /** What it runs once package.json scripts are followed; undefined when it starts nothing Node knows. */
  parsed?: ParsedStart;
  /** The deploy command it came from, when one did. */
  deployCommand?: DeployCommand;
  /** A platform the source itself names (railway.json → railway, vercel.json → vercel). */
  platform?: 'railway' | 'vercel';
}

/** How deep `npm start` → `npm run serve` → … is followed. */
const MAX_SCRIPT_HOPS = 4;

const KIND_LABELS: Partial<Record<DeployCommand['kind'], string>> = {
  procfile: 'Procfile',
  dockerfile: 'Dockerfile',
  'docker-compose': 'compose',
  'heroku.yml': 'heroku.yml',
  'fly.toml': 'fly.toml',
  'render.yaml': 'render.yaml',
  'app.yaml': 'app.yaml',
  'do-app-spec': 'DigitalOcean app spec',
  kubernetes: 'Kubernetes',
  supervisor: 'supervisor',
  systemd: 'systemd',
  script: 'script',
};

/** A location in package.json for `scripts.<name>`, found by text (the file is small). */
function scriptLocation(workspace: Workspace, packageJson: PackageJson, name: string): FileLocation {
  const read = workspace.readText(packageJson.file);
  if (read.ok) {
    const source = new JsonSource(packageJson.file, read.text);
    const scripts = jsonValue(source.root, 'scripts');
    const script = scripts?.kind === 'object' ? scripts.members.find((member) => member.key === name) : undefined;
    if (script) return source.at(script.keyAt);
  }
  return { file: packageJson.file, line: 1, column: 1 };
}

/** `Dockerfile CMD (stage runtime)`, `Procfile web`, `render.yaml web startCommand`. */
function describe(workspace: Workspace, command: DeployCommand, deploy: DeployFacts): string {
  const label = KIND_LABELS[command.origin ?? command.kind] ?? command.kind;
  if (command.kind === 'dockerfile') {
    const read = workspace.readText(command.location.file);
    const line = read.ok ? (read.text.split(/\r?\n/)[command.location.line - 1] ?? '') : '';
    const instruction = /^\s*(CMD|ENTRYPOINT)\b/i.exec(line)?.[1]?.toUpperCase() ?? 'CMD';
    const stage = deploy.deployedStages?.find((candidate) => candidate.dockerfile === command.location.file);
    const stageText = stage ? ` (stage ${stage.stage ?? String(stage.index)}, ${stage.chosenBy})` : '';
    return `${command.location.file} ${instruction}${stageText}`;
  }
  return command.process ? `${label} ${command.process}` : label;
}

/**
 * A deploy file's command that runs another project: it changes to another package's folder (`cd web
 * && npm start`, `npm --prefix web start`), or, from the workspace root, runs another project's file
 * (`node apps/web/server.js` for apps/api).
 */
function runsOtherProject(workspace: Workspace, root: string, parsed: ParsedStart, commandFile: string): boolean {
  if (parsed.cd !== undefined && !parsed.cd.includes('$')) {
    const folder = resolveFrom(commandFile, parsed.cd.replace(/\/+$/, ''));
    if (folder !== undefined && folder !== root && workspace.exists(joinPath(folder, 'package.json'))) return true;
  }
  const { run } = parsed;
  if (root === '' || run.kind !== 'file') return false;
  const file = run.file.replace(/^(?:\.\/)+/, '');
  return !isWithin(file, root) && workspace.exists(file) && !workspace.exists(joinPath(root, file));
}

/** The deploy command that starts the Node server, among the deploy files' web candidates. */
function fromDeployFiles(workspace: Workspace, root: string, packageJson: PackageJson, deploy: DeployFacts): StartCommand | undefined {
  const nodeCommands = deploy.commands.filter((command) => {
    const direct = parseStart(command.text);
    if (direct) return !runsOtherProject(workspace, root, direct, command.location.file);
    const script = startOfScript(workspace, root, command.location.file, command.text)?.parsed;
    if (!script || runsOtherProject(workspace, root, script, command.location.file)) return false;
    // A script whose only Node line is a build step (`npm run build` before gunicorn) starts no Node server.
    return script.run.kind !== 'script' || followScripts(workspace, root, packageJson, { command: command.text, location: command.location, how: '' }).parsed !== undefined;
  });
  const entry = chooseEntry(nodeCommands);
  if (!entry) return undefined;
  const { command } = entry;
  return { command: command.text, location: command.location, how: describe(workspace, command, deploy), deployCommand: command };
}

/** railway.json `deploy.startCommand` / railway.toml `[deploy] startCommand`, in the project root then the workspace root. */
function fromRailway(workspace: Workspace, root: string): StartCommand | undefined {
  for (const dir of root === '' ? [''] : [root, '']) {
    const json = joinPath(dir, 'railway.json');
    const jsonRead = workspace.exists(json) ? workspace.readText(json) : undefined;
    if (jsonRead?.ok) {
      const source = new JsonSource(json, jsonRead.text);
      const deployNode = jsonValue(source.root, 'deploy');
      const start = jsonValue(deployNode, 'startCommand');
      const command = jsonText(start);
      if (command && start) return { command, location: source.at(start.at), how: `${json} deploy.startCommand`, platform: 'railway' };
    }
    const toml = joinPath(dir, 'railway.toml');
    const tomlRead = workspace.exists(toml) ? workspace.readText(toml) : undefined;
    if (tomlRead?.ok) {
      const source = new TomlSource(toml, tomlRead.text);
      const deployTable = source.data && isTable(source.data.deploy) ? source.data.deploy : undefined;
      const command = typeof deployTable?.startCommand === 'string' ? deployTable.startCommand : undefined;
      if (command) return { command, location: source.locate('deploy', 'startCommand'), how: `${toml} [deploy] startCommand`, platform: 'railway' };
    }
  }
  return undefined;
}

/** now.json (Vercel's former name) deploys to Vercel's serverless platform from version 2; version 1 ran `npm start` on a container. */
function isNowV2(workspace: Workspace, file: string): boolean {
  const read = workspace.readText(file);
  if (!read.ok) return false;
  const source = new JsonSource(file, read.text);
  const version = jsonValue(source.root, 'version');
  return (version?.kind === 'scalar' && typeof version.value === 'number' && version.value >= 2) || jsonValue(source.root, 'builds') !== undefined;
}

/**
 * A Next.js app with vercel.json (or a version 2 now.json): Vercel builds the pages and serves them
 * the way `next start` does (production mode); it never runs a custom server file.
 */
function fromVercel(workspace: Workspace, root: string, next: boolean): StartCommand | undefined {
  if (!next) return undefined;
  const dirs = root === '' ? [''] : [root, ''];
  const file = dirs.map((dir) => joinPath(dir, 'vercel.json')).find((path) => workspace.exists(path)) ?? dirs.map((dir) => joinPath(dir, 'now.json')).find((path) => workspace.exists(path) && isNowV2(workspace, path));
  if (!file) return undefined;
  return { command: 'next start', location: { file, line: 1, column: 1 }, how: `vercel (next start): ${file}`, platform: 'vercel' };
}

const ECOSYSTEM_NAMES = ['ecosystem.config.js', 'ecosystem.config.cjs', 'ecosystem.json', 'ecosystem.config.json'];
/** How many folders below the project root an ecosystem file is looked for (`backend/ecosystem.config.js`). */
const MAX_ECOSYSTEM_DEPTH = 2;
/** Folders whose files are not the project's deploy setup. */
const NOT_DEPLOY_FOLDER = /^(?:node_modules|\.next|dist|build|out|coverage|vendor|tests?|__tests__|e2e|examples?|fixtures?|templates?)$/;

/** Whether a folder below the project root belongs to the project: no folder on the way down is another package or build output. */
function ownFolder(workspace: Workspace, root: string, folder: string): boolean {
  const below = root === '' ? folder : folder.slice(root.length + 1);
  const segments = below === '' ? [] : below.split('/');
  if (segments.length > MAX_ECOSYSTEM_DEPTH || segments.some((segment) => NOT_DEPLOY_FOLDER.test(segment))) return false;
  for (let depth = 1; depth <= segments.length; depth++) {
    if (workspace.exists(joinPath(joinPath(root, segments.slice(0, depth).join('/')), 'package.json'))) return false;
  }
  return true;
}

/**
 * The pm2 ecosystem file `pm2 start ecosystem.config.js` deploys (a VPS setup): in the project root,
 * else the shallowest in one of the project's own folders (`backend/ecosystem.config.js` of a
 * repository whose package.json is at the root), not in a folder that is a package of its own.
 */
function ecosystemFile(workspace: Workspace, root: string): string | undefined {
  const atRoot = ECOSYSTEM_NAMES.map((name) => joinPath(root, name)).find((path) => workspace.exists(path));
  if (atRoot) return atRoot;
  const nested = workspace.files.filter((file) => ECOSYSTEM_NAMES.includes(baseName(file)) && isWithin(file, root) && ownFolder(workspace, root, dirName(file)));
  return nested.sort((a, b) => a.split('/').length - b.split('/').length)[0];
}

/**
 * Follow `npm start` / `npm run x` / `yarn x` to the script it runs, up to MAX_SCRIPT_HOPS deep;
 * each hop is added to `how`. A script that is not defined ends the chain (nothing Node known).
 */
function followScripts(workspace: Workspace, root: string, packageJson: PackageJson, start: StartCommand): StartCommand {
  let how = start.how;
  // A command line, or a package.json script, that runs a shell script of the repository: what the script starts.
  const parseLine = (line: string, file: string): ParsedStart | undefined => {
    const direct = parseStart(line);
    if (direct) return direct;
    const script = startOfScript(workspace, root, file, line);
    if (script) how = `${how} → ${script.location.file}:${script.location.line}`;
    return script?.parsed;
  };
  const commandFile = isFileLocation(start.location) ? start.location.file : packageJson.file;
  let parsed = parseLine(start.command, commandFile);
  const seen = new Set<string>();
  for (let hop = 0; hop < MAX_SCRIPT_HOPS && parsed?.run.kind === 'script'; hop++) {
    const name = parsed.run.name;
    const script = packageJson.scripts[name];
    if (script === undefined || seen.has(name)) {
      parsed = undefined;
      break;
    }
    seen.add(name);
    how = `${how} → package.json scripts.${name}`;
    const next = parseLine(script, packageJson.file);
    // Variables a hop sets (`"start": "NODE_ENV=production node server.js"` under `npm start`) hold for what it runs.
    parsed = next ? { ...next, assignments: [...parsed.assignments, ...next.assignments] } : undefined;
  }
  return { ...start, how, ...(parsed ? { parsed } : {}) };
}

/**
 * The start command, best source first. Without one, scripts.start: what `npm start` runs, the
 * default of the platforms' Node builds. Undefined when nothing says.
 */
export function findStart(workspace: Workspace, root: string, packageJson: PackageJson, deploy: DeployFacts, next: boolean): StartCommand | undefined {
  const found = fromDeployFiles(workspace, root, packageJson, deploy) ?? fromRailway(workspace, root) ?? fromVercel(workspace, root, next);
  if (found) return followScripts(workspace, root, packageJson, found);
  const ecosystem = ecosystemFile(workspace, root);
  if (ecosystem) {
    return { command: `pm2 start ${ecosystem.slice(root ? root.length + 1 : 0)}`, location: { file: ecosystem, line: 1, column: 1 }, how: `pm2 ${ecosystem}`, parsed: { run: { kind: 'pm2', target: ecosystem.slice(root ? root.length + 1 : 0) }, text: 'pm2 start', assignments: [] } };
  }
  if (packageJson.scripts.start !== undefined) {
    const start: StartCommand = { command: packageJson.scripts.start, location: scriptLocation(workspace, packageJson, 'start'), how: 'package.json scripts.start' };
    return followScripts(workspace, root, packageJson, start);
  }
  return undefined;
}
