/**
 * The values and results of the JS/TS configuration evaluator (src/js). Shared contract with src/node and
 * rules/node: see the Node contract; fields may be added, not renamed.
 */
import type { EnvRead } from '../core/env-read.js';
import type { FileLocation, Location } from '../core/location.js';

export type { EnvRead } from '../core/env-read.js';

interface Meta {
  /** The source range that produced the value. */
  loc?: FileLocation;
  /** Environment reads the value depends on. */
  env?: EnvRead[];
}

export type JsValue = Meta &
  (
    | { kind: 'string'; value: string }
    | { kind: 'number'; value: number }
    | { kind: 'boolean'; value: boolean }
    | { kind: 'null' }
    | { kind: 'undefined' }
    | { kind: 'regexp'; pattern: string; flags: string }
    /** partial: a spread or push the evaluator could not follow. */
    | { kind: 'array'; items: JsValue[]; partial?: true }
    /** Mutable, keys in evaluation order; partial: a spread or computed key the evaluator could not follow. */
    | { kind: 'object'; props: Map<string, JsValue>; partial?: true }
    /** An arrow function, function or method, not called. */
    | { kind: 'function'; fn: JsFunction }
    /**
     * A binding to an external package export: require('express-session') → { specifier: 'express-session',
     * path: [] }; jwt.sign → path ['sign'].
     */
    | { kind: 'module'; specifier: string; path: string[] }
    /** What a known constructor or factory returned: 'express', 'koa', 'fastify', 'nestjs', 'express.Router', … */
    | { kind: 'instance'; of: string; id: number }
    | { kind: 'unknown'; reason: string }
  );

/** A function value: rules never walk its AST themselves; helpers in src/node do (e.g. "sends err.stack"). */
export interface JsFunction {
  file: string;
  loc: FileLocation;
  params: string[];
  /** The babel Node of the function (ArrowFunctionExpression, FunctionExpression, FunctionDeclaration, ObjectMethod, ClassMethod). */
  node: unknown;
  /** The value it always returns (or calls back with) when decidable. */
  returns?: JsValue;
}

export interface JsCall {
  /**
   * Canonical callee: the package specifier and export path, dot-joined: 'express-session', 'cors', 'helmet',
   * 'helmet.hsts', 'jsonwebtoken.sign', 'express-jwt.expressjwt', 'dotenv.config', 'express', 'koa' (with `new`),
   * '@nestjs/core.NestFactory.create', '@nestjs/jwt.JwtModule.register', 'passport-jwt.Strategy'.
   * A method called on an app instance: '<instance.of>#<method>': 'express#use', 'express#set', 'koa#use',
   * 'fastify#register', 'nestjs#enableCors', …
   */
  callee: string;
  args: JsValue[];
  isNew?: true;
  /** The call expression. */
  location: FileLocation;
  /** The app instance a method call was made on ('#' callees). */
  app?: number;
  /** The instance any '#' call was made on (an app, a router: `express.Router#use`). */
  on?: number;
  /** Inside a branch or function the evaluator could not decide runs (the call may not happen). */
  conditional?: true;
  /** Inside a branch chosen only because an env variable is unset (production may set it): the call may not happen. */
  assumed?: true;
  /** The value the call returned, when the evaluator models it (an instance, a middleware marker). */
  result?: JsValue;
}

export type JsAppKind = 'express' | 'koa' | 'fastify' | 'nestjs';

export interface JsApp {
  id: number;
  of: JsAppKind;
  createdAt: FileLocation;
  /**
   * listen() is called on it (directly, through http.createServer(app).listen, or `export default app`
   * / module.exports = app of the entry, which a platform's runner starts).
   */
  listens: boolean;
  /** Properties assigned on it: Koa `app.keys = [...]`, `app.proxy = true`. */
  props: Map<string, JsValue>;
  /** For NestJS: the underlying platform ('express' unless created with a FastifyAdapter). */
  platform?: 'express' | 'fastify';
}

export interface JsProblem {
  /** evaluation-error: the evaluator itself failed on this code (a bug to report); what it found before stays. */
  kind: 'syntax-error' | 'unresolved-import' | 'too-large' | 'minified' | 'step-budget' | 'import-cycle' | 'unreadable-file' | 'evaluation-error';
  message: string;
  location: FileLocation;
}

/** What evaluating a set of entry modules (and the project modules they import) found. */
export interface JsProgram {
  entries: string[];
  /** Every workspace file evaluated. */
  files: string[];
  /** In evaluation order. */
  calls: JsCall[];
  apps: JsApp[];
  /** dotenv.config() / import 'dotenv/config' / require('dotenv').config({ path }): the env files loaded, with the call. */
  dotenv: { path: string; location: FileLocation }[];
  problems: JsProblem[];
  /** Statements and expressions evaluated (bounded by the step budget): what the run cost. */
  steps?: number;
  /** Package calls in branches skipped only because an env variable is unset: production runs them if it sets it. */
  skippedCalls?: JsCall[];
  /** A module's evaluated exports (module.exports / export default → 'default', named exports by name). */
  exportsOf(file: string): Map<string, JsValue> | undefined;
}

/** What process.env holds in production for one variable. */
export interface EnvLookup {
  set: boolean;
  /** The value, when known. */
  value?: string;
  source?: Location;
  sourceLabel?: string;
}

export interface EvaluateOptions {
  /** process.env as production sees it: the variable's value when known, `set` true with value unknown, or unset. */
  env(name: string): EnvLookup;
  /** The folder production starts the program in (workspace-relative, '' = root): `dotenv.config()` reads `.env` there. Default ''. */
  cwd?: string;
  /**
   * The start command runs the entry's exported function as a plugin of an app of this kind, which it creates
   * and starts (fastify-cli: `fastify start app.js`). Without it, an exported function is only run as conditional code.
   */
  entryPlugin?: JsAppKind;
}
