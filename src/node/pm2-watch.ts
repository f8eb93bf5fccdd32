/**
 * pm2 told to watch files in production: `pm2 start server.js --watch`, or `watch: true` (or a list of paths)
 * for an app of the ecosystem file production starts (read once, with the apps, by the production model:
 * NodeProduction.pm2Watch). pm2 then restarts the app, all cluster workers at once, whenever a watched file
 * changes: a development convenience, not a production setting.
 */
import { commandName } from '../deploy/shell.js';
import type { JsValue } from '../js/types.js';
import { startSegments, unwrap } from './dev-servers.js';
import type { Pm2Watch } from './types.js';

/** Whether a pm2 `watch` value turns watching on: true, or a non-empty list of paths. */
function watches(value: unknown): boolean {
  return value === true || (Array.isArray(value) && value.length > 0) || (typeof value === 'string' && value !== '' && value !== 'false');
}

/** An ecosystem.json app's `watch`, when it turns watching on. */
export function jsonAppWatch(file: string, index: number, watch: unknown): Pm2Watch | undefined {
  return watches(watch) ? { location: { file, line: 1, column: 1 }, setting: `${file} apps[${index}].watch` } : undefined;
}

/** An ecosystem.config.js app's evaluated `watch`, when it turns watching on. */
export function jsAppWatch(file: string, watch: JsValue | undefined): Pm2Watch | undefined {
  const on = watch?.kind === 'boolean' ? watch.value : watch?.kind === 'array' ? watch.items.length > 0 : watch?.kind === 'string' && watches(watch.value);
  return on ? { ...(watch!.loc ? { location: watch!.loc } : {}), setting: `watch: ${watch!.kind === 'boolean' ? 'true' : '[…]'} in ${file}` } : undefined;
}

/** `--watch` on a pm2 command production starts (through the package scripts it runs). */
export function pm2WatchFlag(command: string, scripts: Readonly<Record<string, string>> = {}): Pm2Watch | undefined {
  for (const segment of startSegments(command, scripts)) {
    const words = unwrap(segment.words);
    const name = commandName(words[0]);
    if (name !== 'pm2' && name !== 'pm2-runtime' && name !== 'pm2-docker') continue;
    const args = words.slice(1).map((word) => word.value ?? word.raw);
    if (args.some((arg) => arg === '--watch' || arg.startsWith('--watch='))) return { setting: `${name} --watch` };
  }
  return undefined;
}
