/**
 * pm2 told to watch files in production: `pm2 start server.js --watch`, or `watch: true` (or a list of paths)
 * for an app of the ecosystem file production starts. pm2 then restarts the app, all cluster workers at
 * once, whenever a watched file changes: a development convenience, not a production setting.
 */
import type { FileLocation } from '../core/location.js';
import { commandName } from '../deploy/shell.js';
import { evaluateConfigModule } from '../js/program.js';
import { parseJsonc } from '../core/jsonc.js';
import type { JsValue } from '../js/types.js';
import { joinPath } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import { startSegments, unwrap } from './dev-servers.js';

export interface Pm2Watch {
  /** Where watching is turned on: the ecosystem file's `watch`, or the start command. */
  location?: FileLocation;
  /** `watch: true` in ecosystem.config.js, `--watch`. */
  setting: string;
}

const ECOSYSTEM = /(?:^|\/)ecosystem[^/]*\.(?:c?js|json)$|\.config\.c?js$/;

/** Whether a pm2 `watch` value turns watching on: true, or a non-empty list of paths. */
function watches(value: unknown): boolean {
  return value === true || (Array.isArray(value) && value.length > 0) || (typeof value === 'string' && value !== '' && value !== 'false');
}

function jsWatches(value: JsValue | undefined): boolean {
  if (value?.kind === 'boolean') return value.value;
  if (value?.kind === 'array') return value.items.length > 0;
  return value?.kind === 'string' && watches(value.value);
}

/** The first app of an ecosystem file with `watch` on, or undefined (also when the file cannot be read). */
function ecosystemWatch(workspace: Workspace, file: string): Pm2Watch | undefined {
  if (!workspace.exists(file)) return undefined;
  if (file.endsWith('.json')) {
    const read = workspace.readText(file);
    const data = read.ok ? (parseJsonc(read.text) as { apps?: unknown } | undefined) : undefined;
    const apps = Array.isArray(data?.apps) ? (data.apps as Record<string, unknown>[]) : [];
    const index = apps.findIndex((app) => watches(app?.watch));
    return index < 0 ? undefined : { location: { file, line: 1, column: 1 }, setting: `${file} apps[${index}].watch` };
  }
  const exported = evaluateConfigModule(workspace, file, { env: () => ({ set: false }) }).exports.get('default');
  const config = exported?.kind === 'function' ? exported.fn.returns : exported;
  const apps = config?.kind === 'object' ? config.props.get('apps') : undefined;
  const items = apps?.kind === 'array' ? apps.items : apps?.kind === 'object' ? [apps] : [];
  for (const app of items) {
    const watch = app.kind === 'object' ? app.props.get('watch') : undefined;
    if (jsWatches(watch)) return { ...(watch!.loc ? { location: watch!.loc } : {}), setting: `watch: ${watch!.kind === 'boolean' ? 'true' : '[…]'} in ${file}` };
  }
  return undefined;
}

/** pm2 watching files in the production start command (`root`: the project's folder, where the command runs). */
export function pm2WatchIn(workspace: Workspace, root: string, command: string, scripts: Readonly<Record<string, string>> = {}): Pm2Watch | undefined {
  for (const segment of startSegments(command, scripts)) {
    const words = unwrap(segment.words);
    const name = commandName(words[0]);
    if (name !== 'pm2' && name !== 'pm2-runtime' && name !== 'pm2-docker') continue;
    const args = words.slice(1).map((word) => word.value ?? word.raw);
    if (args.some((arg) => arg === '--watch' || arg.startsWith('--watch='))) return { setting: `${name} --watch` };
    const target = args.find((arg) => ECOSYSTEM.test(arg));
    const found = target === undefined ? undefined : ecosystemWatch(workspace, joinPath(root, target));
    if (found) return found;
  }
  return undefined;
}
