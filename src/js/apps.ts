/**
 * App instances: `express()`, `new Koa()`, `Fastify()`, `await NestFactory.create(…)`; the servers that serve
 * them (`http.createServer(app)`, `app.listen()`); their method calls (`express#use`) and what those return.
 */
import type { FileLocation } from '../core/location.js';
import type { Ctx } from './context.js';
import type { Interp } from './state.js';
import { invoke } from './functions.js';
import type { JsApp, JsAppKind, JsCall, JsValue } from './types.js';
import { unknown } from './values.js';

/** Canonical callees that create an app, and which kind. */
const APP_FACTORIES: Record<string, JsAppKind> = {
  express: 'express',
  koa: 'koa',
  fastify: 'fastify',
  'fastify.fastify': 'fastify',
  '@nestjs/core.NestFactory.create': 'nestjs',
};

/** Canonical callees that create an HTTP server around a request handler (an app). */
const SERVER_FACTORIES = new Set(['http.createServer', 'https.createServer', 'http.Server', 'https.Server', 'http2.createServer', 'http2.createSecureServer', 'spdy.createServer']);
/** Packages that hand an app to a serverless platform, which serves it. */
const SERVERLESS_WRAPPERS = new Set(['serverless-http', '@vendia/serverless-express', '@codegenie/serverless-express', 'aws-serverless-express.createServer']);

const FASTIFY_ADAPTER = '@nestjs/platform-fastify.FastifyAdapter';

type Instance = Extract<JsValue, { kind: 'instance' }>;

/** NODE_ENV as Express's `app.get('env')` and Koa's `app.env` read it: 'development' when unset. */
export function nodeEnv(ctx: Ctx, loc: FileLocation): JsValue {
  const { read, value } = ctx.it.envRead('NODE_ENV');
  if (!read.set) return { kind: 'string', value: 'development', loc, env: [{ ...read, defaultText: "'development'" }] };
  if (value === undefined) return unknown('NODE_ENV is set, value not known', { loc, env: [read] });
  return { kind: 'string', value, loc, env: [read] };
}

function appsIn(it: Interp, values: JsValue[]): number[] {
  return values.flatMap((value) => (value.kind === 'instance' && it.apps.some((app) => app.id === value.id) ? [value.id] : []));
}

/** A new app instance, registered with the program. */
function createApp(ctx: Ctx, kind: JsAppKind, loc: FileLocation, args: JsValue[] = []): { app: JsApp; instance: Instance } {
  const id = ctx.it.id();
  const app: JsApp = { id, of: kind, createdAt: loc, listens: false, props: new Map() };
  if (kind === 'nestjs') app.platform = args.some((arg) => arg.kind === 'instance' && arg.of === FASTIFY_ADAPTER) ? 'fastify' : 'express';
  ctx.it.apps.push(app);
  return { app, instance: { kind: 'instance', of: kind, id, loc } };
}

/** The value a call of a package export returns when it makes an app or a server; undefined otherwise. */
export function appFactoryResult(ctx: Ctx, callee: string, args: JsValue[], loc: FileLocation): Instance | undefined {
  const kind = APP_FACTORIES[callee];
  if (kind) return createApp(ctx, kind, loc, args).instance;
  if (SERVERLESS_WRAPPERS.has(callee)) listen(ctx, appsIn(ctx.it, args));
  if (SERVER_FACTORIES.has(callee)) {
    const id = ctx.it.id();
    ctx.it.servers.set(id, appsIn(ctx.it, args));
    return { kind: 'instance', of: `${callee.slice(0, callee.indexOf('.'))}.Server`, id, loc };
  }
  return undefined;
}

function listen(ctx: Ctx, appIds: number[]): void {
  for (const app of ctx.it.apps) if (appIds.includes(app.id)) app.listens = true;
}

/**
 * A start command that runs the entry's export as a plugin (fastify-cli's `fastify start app.js`): the runner
 * makes the app, calls the exported function with it and listens.
 */
export function runEntryPlugin(ctx: Ctx, kind: JsAppKind, exported: JsValue): void {
  const closure = exported.kind === 'function' ? ctx.it.closures.get(exported.fn) : undefined;
  if (!closure) return;
  const { app, instance } = createApp(ctx, kind, { file: ctx.mod.file, line: 1, column: 1 });
  app.listens = true;
  invoke(ctx, closure, [instance, { kind: 'object', props: new Map() }]);
}

/** An entry module that exports its app hands it to a runner that listens (serverless, `next start`-like platforms). */
export function markExportedApp(ctx: Ctx, exported: JsValue): void {
  if (exported.kind === 'instance') listen(ctx, appsIn(ctx.it, [exported]));
}

/** A method call on an instance: records it as `<of>#<method>` and returns what the method returns. */
export function callInstanceMethod(ctx: Ctx, instance: Instance, method: string, args: JsValue[], call: JsCall): JsValue {
  const { it } = ctx;
  const app = it.apps.find((candidate) => candidate.id === instance.id);
  const served = it.servers.get(instance.id);
  if (served && method === 'listen') {
    listen(ctx, served);
    return instance;
  }
  if (!app) return { kind: 'instance', of: call.callee, id: it.id(), loc: call.location };
  call.app = app.id;
  switch (method) {
    case 'listen': {
      app.listens = true;
      const id = it.id();
      it.servers.set(id, [app.id]);
      return { kind: 'instance', of: 'http.Server', id, loc: call.location };
    }
    case 'get':
      if (app.of === 'express' && args.length === 1) {
        const name = args[0];
        return name?.kind === 'string' && name.value === 'env' ? nodeEnv(ctx, call.location) : unknown(`app setting ${name?.kind === 'string' ? name.value : ''}`, { loc: call.location });
      }
      return instance;
    case 'register': {
      // Fastify runs a plugin with the instance and its options.
      const plugin = args[0];
      const closure = plugin?.kind === 'function' ? it.closures.get(plugin.fn) : undefined;
      if (app.of === 'fastify' && closure) invoke(ctx, closure, [instance, args[1] ?? { kind: 'object', props: new Map() }]);
      return instance;
    }
    default:
      return instance;
  }
}

/** The apps a value holds: an app itself, or an app wrapped by a call (`mount('/admin', adminApp)`). */
function appsHeldBy(it: Interp, value: JsValue): number[] {
  if (value.kind !== 'instance') return [];
  const own = appsIn(it, [value]);
  if (own.length) return own;
  const wrapping = it.calls.find((call) => call.result?.kind === 'instance' && call.result.id === value.id);
  return wrapping ? appsIn(it, wrapping.args) : [];
}

/** An app mounted on a listening app (`app.use('/admin', adminApp)`, `app.use(mount(sub))`) is served too. */
export function markMountedApps(it: Interp): void {
  const { apps, calls } = it;
  for (let changed = true, rounds = 0; changed && rounds < 8; rounds++) {
    changed = false;
    for (const call of calls) {
      const host = apps.find((app) => app.id === call.app);
      if (!host?.listens || !/#(?:use|register)$/.test(call.callee)) continue;
      const mounted = call.args.flatMap((arg) => appsHeldBy(it, arg));
      for (const app of apps) {
        if (mounted.includes(app.id) && !app.listens) {
          app.listens = true;
          changed = true;
        }
      }
    }
  }
}
