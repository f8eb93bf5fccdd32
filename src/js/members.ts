/** Reading a property of a value: objects, arrays, package exports, `process.env`, app instances. */
import type * as t from '@babel/types';
import type { FileLocation } from '../core/location.js';
import { nodeEnv } from './apps.js';
import { type Ctx } from './context.js';
import { evalExpr } from './expressions.js';
import { classMethod } from './functions.js';
import { toText } from './operators.js';
import type { JsValue } from './types.js';
import { num, unknown } from './values.js';

/** The name of a property key (`a.b`, `a['b']`, `{ b: … }`), or undefined when computed and not known. */
export function propertyKey(ctx: Ctx, key: t.Node, computed: boolean): string | undefined {
  if (!computed) {
    if (key.type === 'Identifier') return key.name;
    if (key.type === 'StringLiteral') return key.value;
    if (key.type === 'NumericLiteral') return String(key.value);
    return undefined;
  }
  return toText(evalExpr(ctx, key));
}

/** A package export one step further: `jwt.sign`; the CommonJS interop `.default` of a package is the package. */
export function moduleMember(value: Extract<JsValue, { kind: 'module' }>, key: string, loc: FileLocation): JsValue {
  if (key === 'default' && value.path.length === 0) return { ...value, loc };
  return { kind: 'module', specifier: value.specifier, path: [...value.path, key], loc };
}

export function memberOf(ctx: Ctx, value: JsValue, key: string | undefined, loc: FileLocation): JsValue {
  if (key === undefined) return unknown('computed property not known', value.env ? { loc, env: value.env } : { loc });
  switch (value.kind) {
    case 'object': {
      const found = value.props.get(key) ?? classMethod(ctx.it, value, key);
      if (found) return found;
      return value.partial ? unknown(`property ${key} not known`, { loc }) : { kind: 'undefined', loc };
    }
    case 'array': {
      if (key === 'length') return value.partial ? unknown('length not known', { loc }) : num(value.items.length, { loc });
      const index = Number(key);
      if (Number.isInteger(index) && index >= 0) return value.items[index] ?? (value.partial ? unknown(`item ${key} not known`, { loc }) : { kind: 'undefined', loc });
      return unknown(`array ${key}`, { loc });
    }
    case 'string':
      if (key === 'length') return num(value.value.length, value.env ? { loc, env: value.env } : { loc });
      return unknown(`string ${key}`, value.env ? { loc, env: value.env } : { loc });
    case 'module':
      if (value.specifier === 'process' && value.path.length === 1 && value.path[0] === 'env') return envVariable(ctx, key, loc);
      // `require.main === module` holds in the entry module only.
      if (value.specifier === 'require' && value.path.length === 0 && key === 'main') return ctx.mod.isEntry ? ctx.mod.moduleObject : { kind: 'object', props: new Map(), loc };
      return moduleMember(value, key, loc);
    case 'instance':
      return instanceMember(ctx, value, key, loc);
    case 'undefined':
    case 'null':
      return unknown(`property ${key} of ${value.kind}`, { loc });
    case 'unknown':
      return unknown(value.reason.startsWith('parameter ') ? `${value.reason}.${key}` : value.reason, value.env ? { loc, env: value.env } : { loc });
    default:
      return unknown(`property ${key} of a ${value.kind}`, { loc });
  }
}

/** `process.env.NAME` as production sees it (or as the code set it earlier). */
function envVariable(ctx: Ctx, name: string, loc: FileLocation): JsValue {
  const written = ctx.it.envWrites.get(name);
  if (written) return written;
  const { read, value } = ctx.it.envRead(name);
  if (!read.set) return { kind: 'undefined', loc, env: [read] };
  if (value === undefined) return unknown(`process.env.${name} is set, value not known`, { loc, env: [read] });
  return { kind: 'string', value, loc, env: [read] };
}

function instanceMember(ctx: Ctx, value: Extract<JsValue, { kind: 'instance' }>, key: string, loc: FileLocation): JsValue {
  const props = ctx.it.apps.find((app) => app.id === value.id)?.props ?? ctx.it.instanceProps.get(value.id);
  const found = props?.get(key);
  if (found) return found;
  if (value.of === 'koa' && key === 'env') return nodeEnv(ctx, loc);
  return unknown(`${value.of}.${key}`, { loc });
}
