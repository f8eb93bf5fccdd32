/** Names a module reads without declaring them: `process`, Node's module variables, the built-ins the evaluator models. */
import type { FileLocation } from '../core/location.js';
import type { Ctx } from './context.js';
import type { JsValue } from './types.js';
import { num, str, unknown } from './values.js';

/** Built-in globals modelled as a pseudo-package: calls to them are evaluated by `callBuiltin`, never recorded. */
export const GLOBAL_SPECIFIER = 'globalThis';

const BUILTINS = new Set(['Object', 'JSON', 'Number', 'String', 'Boolean', 'parseInt', 'parseFloat', 'Array', 'Math', 'console', 'Promise', 'Date', 'Error', 'Symbol', 'Buffer', 'URL', 'RegExp', 'Map', 'Set', 'setTimeout', 'setInterval', 'fetch']);

/** Absolute-looking, workspace-relative: `__dirname` of `src/app.js` is `/src` (the workspace root is `/`). */
export function rootedPath(path: string): string {
  return `/${path}`;
}

export function globalValue(ctx: Ctx, name: string, loc?: FileLocation): JsValue {
  const meta = loc ? { loc } : {};
  switch (name) {
    case 'undefined':
      return { kind: 'undefined', ...meta };
    case 'NaN':
      return num(NaN, meta);
    case 'Infinity':
      return num(Infinity, meta);
    case 'process':
      return { kind: 'module', specifier: 'process', path: [], ...meta };
    case 'module':
      return ctx.mod.moduleObject;
    case 'exports':
      return ctx.mod.moduleObject.props.get('exports') ?? unknown('exports', meta);
    case '__filename':
      return str(rootedPath(ctx.mod.file), meta);
    case '__dirname': {
      const slash = ctx.mod.file.lastIndexOf('/');
      return str(rootedPath(slash === -1 ? '' : ctx.mod.file.slice(0, slash)), meta);
    }
    case 'require':
      return { kind: 'module', specifier: 'require', path: [], ...meta };
  }
  if (BUILTINS.has(name)) return { kind: 'module', specifier: GLOBAL_SPECIFIER, path: [name], ...meta };
  return unknown(`${name} is not defined here`, meta);
}
