/**
 * Error handlers that send error details to the client: an Express error handler (four parameters), a Fastify
 * `setErrorHandler`, a Koa middleware's `catch`, a NestJS exception filter's `catch(exception, host)`, writing
 * `err.stack` or `err.message` into a response (`res.json(…)`, `reply.send(…)`, `ctx.body = …`,
 * `response.status(500).json(…)`) outside a branch that only runs when NODE_ENV is not production.
 *
 * The walk reads the function's AST (babel nodes) structurally, without executing anything, and is bounded.
 */
import type { FileLocation } from '../core/location.js';
import type { Confidence } from '../core/severity.js';
import { handlerConfidence } from './app-uses.js';
import { children, isNode, propertyName, type AstNode } from '../js/ast.js';
import { parseFile } from '../js/parser.js';
import type { JsCall, JsFunction, JsProgram } from '../js/types.js';
import type { Workspace } from '../workspace/types.js';

export interface ErrorLeak {
  /** What reaches the client: the stack trace, or the message. */
  detail: 'stack' | 'message';
  /** Where the error property is read, in the file of the function. */
  location: FileLocation;
  /** The expression as written (`err.stack`), for evidence. */
  expression: string;
}

/** The function a handler is, as the JS evaluator gives it (JsFunction): its file, parameter names and AST node. */
export interface HandlerFunction {
  file: string;
  params: readonly string[];
  node: unknown;
}

/** Response methods that send their argument to the client (`view`: Fastify's @fastify/view). */
const SEND_METHODS = new Set(['send', 'json', 'jsonp', 'end', 'render', 'view']);
/** Objects whose methods of those names do not answer the client (`logger.send`, `process.stdout.end`). */
const NOT_RESPONSES = new Set(['console', 'logger', 'log', 'process', 'winston', 'pino', 'Sentry', 'debug', 'socket', 'ws', 'channel', 'queue']);
/** Properties whose assignment is the response body (Koa's `ctx.body`, `ctx.response.body`). */
const BODY_PROPS = new Set(['body']);
/** Nesting (`!!x`, `{{ … }}`) the recursive readers follow at most. */
const MAX_NESTING = 64;
/** Nodes walked at most per function: a handler is a few dozen statements. */
const MAX_NODES = 20_000;
/** Names that say "the environment" in a condition: `process.env.NODE_ENV`, `app.get('env')`, `isProduction`, `config.isDev`. */
const ENV_WORD = /node_env|^env$|prod|dev|debug|^isLocal|^local$/i;

/** The identifier a member chain or call chain starts from: `res.status(500).json` → res. */
function rootName(node: AstNode): string | undefined {
  let current: AstNode | undefined = node;
  for (let guard = 0; guard < 32 && current; guard++) {
    if (current.type === 'Identifier') return current.name as string;
    if (current.type === 'ThisExpression') return 'this';
    if (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') current = current.object as AstNode;
    else if (current.type === 'CallExpression' || current.type === 'OptionalCallExpression') current = current.callee as AstNode;
    else if (current.type === 'TSNonNullExpression' || current.type === 'TSAsExpression' || current.type === 'ParenthesizedExpression') current = current.expression as AstNode;
    else return undefined;
  }
  return undefined;
}

/** Every identifier and string in a condition, for recognising an environment test. */
function conditionWords(test: AstNode): string[] {
  const words: string[] = [];
  const stack = [test];
  for (let seen = 0; stack.length > 0 && seen < 200; seen++) {
    const node = stack.pop()!;
    if (node.type === 'Identifier') words.push(node.name as string);
    else if (node.type === 'StringLiteral') words.push(node.value as string);
    else if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && !node.computed) {
      const property = node.property as AstNode;
      if (property.type === 'Identifier') words.push(property.name as string);
      stack.push(node.object as AstNode);
      continue;
    }
    stack.push(...children(node));
  }
  return words;
}

/**
 * Which branch of a condition runs in production: 'consequent', 'alternate', or 'either' when the condition is
 * about the environment but its direction cannot be read (then both branches are taken as guarded), or
 * undefined when the condition is not about the environment at all.
 */
function productionBranch(test: AstNode, depth = 0): 'consequent' | 'alternate' | 'either' | undefined {
  if (depth > MAX_NESTING) return undefined;
  if (test.type === 'UnaryExpression' && test.operator === '!') {
    const inner = productionBranch(test.argument as AstNode, depth + 1);
    return inner === 'consequent' ? 'alternate' : inner === 'alternate' ? 'consequent' : inner;
  }
  if (test.type === 'BinaryExpression' && ['===', '==', '!==', '!='].includes(test.operator as string)) {
    const sides = [test.left as AstNode, test.right as AstNode];
    const literal = sides.find((side) => side.type === 'StringLiteral');
    const other = sides.find((side) => side !== literal);
    if (literal && other && conditionWords(other).some((word) => ENV_WORD.test(word))) {
      const value = (literal.value as string).toLowerCase();
      const equal = test.operator === '===' || test.operator === '==';
      const isProduction = value === 'production' || value === 'prod';
      // `=== 'development'` / `=== 'test'`: the branch runs only outside production.
      return isProduction === equal ? 'consequent' : 'alternate';
    }
  }
  if (test.type === 'Identifier' || test.type === 'MemberExpression' || test.type === 'CallExpression') {
    const words = conditionWords(test);
    const last = words[0] ?? '';
    if (/prod/i.test(last)) return 'consequent';
    if (/dev|debug|local/i.test(last)) return 'alternate';
  }
  return conditionWords(test).some((word) => ENV_WORD.test(word)) ? 'either' : undefined;
}

/** Whether a statement always leaves the function (`return …`, `throw`, a block ending in one). */
function exits(statement: AstNode, depth = 0): boolean {
  if (statement.type === 'ReturnStatement' || statement.type === 'ThrowStatement') return true;
  if (statement.type === 'BlockStatement' && depth < MAX_NESTING) {
    const body = statement.body as AstNode[];
    const last = body[body.length - 1];
    return last !== undefined && exits(last, depth + 1);
  }
  return false;
}

function locationOf(file: string, node: AstNode): FileLocation {
  const start = node.loc?.start;
  return { file, line: start?.line ?? 1, column: (start?.column ?? 0) + 1 };
}

interface Frame {
  node: AstNode;
  /** Inside a branch that runs only outside production. */
  guarded: boolean;
  /** Inside what a response sends. */
  sent: boolean;
  /** Inside a branch for an error the app expects (`err instanceof AppError`, `err.expose`, a switch on the status): its message is written for users. */
  expected: boolean;
  /** Inside the initial value of this local name (`const payload = { … }`): a detail found taints the name. */
  into?: string;
}

/** Properties and calls in a condition that tell the app's own errors from unexpected ones. */
const KIND_WORD = /^(?:isOperational|expose|isHttpError|isBoom|isAxiosError|status|statusCode|getStatus|httpStatus|code|name)$/;

/** Whether a condition tests what kind of error it is (`err instanceof HttpError`, `err.expose`, `err.status < 500`). */
function isKindTest(test: AstNode): boolean {
  const stack = [test];
  for (let count = 0; stack.length > 0 && count < 200; count++) {
    const node = stack.pop()!;
    if (node.type === 'BinaryExpression' && node.operator === 'instanceof') return true;
    if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && KIND_WORD.test(propertyName(node) ?? '')) return true;
    stack.push(...children(node));
  }
  return false;
}

/**
 * What the function does to error details before any response: names it reassigns (their value at the
 * response is not the error's), and whether it deletes or overwrites `stack` (`delete err.stack` in a
 * production branch: the stack is gone when it would be sent).
 */
function rewrites(root: AstNode): { reassigned: Set<string>; stackCleared: boolean } {
  const reassigned = new Set<string>();
  let stackCleared = false;
  const stack = [root];
  for (let count = 0; stack.length > 0 && count < MAX_NODES; count++) {
    const node = stack.pop()!;
    if (node.type === 'AssignmentExpression') {
      const left = node.left as AstNode;
      if (left.type === 'Identifier') reassigned.add(left.name as string);
      if (left.type === 'MemberExpression' && propertyName(left) === 'stack') stackCleared = true;
    }
    if (node.type === 'UnaryExpression' && node.operator === 'delete') {
      const argument = node.argument as AstNode;
      if (argument.type === 'MemberExpression' && propertyName(argument) === 'stack') stackCleared = true;
    }
    stack.push(...children(node));
  }
  return { reassigned, stackCleared };
}

/**
 * The error details one handler function sends to the client. `errorParams` are the parameters that hold the
 * error (Express's and Fastify's first, Nest's `exception`); the parameter of every `catch` clause inside
 * counts too (Koa's try/await next()/catch).
 */
export function errorLeaksOf(fn: HandlerFunction, errorParams: readonly string[]): ErrorLeak[] {
  if (!isNode(fn.node)) return [];
  const { reassigned, stackCleared } = rewrites(fn.node);
  const errors = new Set(errorParams);
  /** Local names holding err.stack / err.message (`const { stack } = err`). */
  const details = new Map<string, ErrorLeak['detail']>();
  /** Local names holding a value built from them (`const payload = { message: err.message }`). */
  const tainted = new Map<string, ErrorLeak>();
  const leaks: ErrorLeak[] = [];
  const seen = new Set<string>();
  const leak = (found: ErrorLeak): void => {
    const key = `${found.location.line}:${found.location.column}`;
    if (!seen.has(key)) leaks.push(found);
    seen.add(key);
  };
  /** A read of an error detail at this node (err.stack, a destructured `stack`, a tainted name), if it is one. */
  const detailAt = (node: AstNode): ErrorLeak | undefined => {
    if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') {
      const name = propertyName(node);
      const object = node.object as AstNode;
      const base = object.type === 'TSAsExpression' || object.type === 'TSNonNullExpression' ? (object.expression as AstNode) : object;
      if ((name === 'stack' || name === 'message') && base.type === 'Identifier' && errors.has(base.name as string)) {
        return { detail: name, location: locationOf(fn.file, node), expression: `${base.name as string}.${name}` };
      }
    }
    if (node.type === 'Identifier' && details.has(node.name as string)) {
      return { detail: details.get(node.name as string)!, location: locationOf(fn.file, node), expression: node.name as string };
    }
    if (node.type === 'Identifier' && tainted.has(node.name as string)) return tainted.get(node.name as string);
    return undefined;
  };

  const stack: Frame[] = [{ node: fn.node, guarded: false, sent: false, expected: false }];
  for (let count = 0; stack.length > 0 && count < MAX_NODES; count++) {
    const frame = stack.pop()!;
    const { node, guarded, sent, expected, into } = frame;
    if ((sent || into !== undefined) && !guarded) {
      const found = detailAt(node);
      // A stack the handler deletes or overwrites first, and a message of an error the app expects, do not leak.
      if (found && !(found.detail === 'stack' && stackCleared) && !(found.detail === 'message' && expected)) {
        if (sent) leak(found);
        else if (!tainted.has(into!)) tainted.set(into!, found);
        continue;
      }
    }
    const push = (child: AstNode, changes: Partial<Frame> = {}): void => {
      stack.push({ ...frame, node: child, ...changes });
    };
    switch (node.type) {
      case 'CatchClause': {
        const param = node.param as AstNode | null;
        if (param?.type === 'Identifier') errors.add(param.name as string);
        break;
      }
      case 'VariableDeclarator': {
        const id = node.id as AstNode;
        const init = node.init as AstNode | null;
        if (!init) break;
        const base = init.type === 'TSAsExpression' ? (init.expression as AstNode) : init;
        if (id.type === 'ObjectPattern' && base.type === 'Identifier' && errors.has(base.name as string)) {
          for (const property of id.properties as AstNode[]) {
            const key = property.key as AstNode | undefined;
            const value = property.value as AstNode | undefined;
            const keyName = key?.type === 'Identifier' ? (key.name as string) : undefined;
            if ((keyName === 'stack' || keyName === 'message') && value?.type === 'Identifier' && !reassigned.has(value.name as string)) details.set(value.name as string, keyName);
          }
          continue;
        }
        if (id.type === 'Identifier') {
          if (base.type === 'Identifier' && errors.has(base.name as string)) errors.add(id.name as string);
          else if (!reassigned.has(id.name as string)) push(init, { into: id.name as string, sent: false });
          continue;
        }
        break;
      }
      case 'AssignmentExpression': {
        const left = node.left as AstNode;
        if (left.type === 'MemberExpression' && BODY_PROPS.has(propertyName(left) ?? '')) {
          push(node.right as AstNode, { sent: true, into: undefined });
          continue;
        }
        break;
      }
      case 'CallExpression':
      case 'OptionalCallExpression': {
        const callee = node.callee as AstNode;
        if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && SEND_METHODS.has(propertyName(callee) ?? '')) {
          const root = rootName(callee);
          if (root !== undefined && !NOT_RESPONSES.has(root) && !errors.has(root)) {
            for (const arg of node.arguments as AstNode[]) push(arg, { sent: true, into: undefined });
            push(callee);
            continue;
          }
        }
        break;
      }
      case 'IfStatement':
      case 'ConditionalExpression': {
        const test = node.test as AstNode;
        const branch = productionBranch(test);
        const kind = branch === undefined && isKindTest(test);
        if (branch !== undefined || kind) {
          push(test, { sent: false, into: undefined });
          const consequent = node.consequent as AstNode;
          const alternate = node.alternate as AstNode | null;
          push(consequent, { guarded: guarded || (branch !== undefined && branch !== 'consequent'), expected: expected || kind });
          if (alternate) push(alternate, { guarded: guarded || (branch !== undefined && branch !== 'alternate'), expected: expected || kind });
          continue;
        }
        break;
      }
      case 'LogicalExpression': {
        // `isDev && err.stack`: the right side is only sent outside production; `err.expose && err.message`: an expected error's.
        if (node.operator === '&&') {
          const left = node.left as AstNode;
          const branch = productionBranch(left);
          const kind = branch === undefined && isKindTest(left);
          if (branch !== undefined || kind) {
            push(node.right as AstNode, { guarded: guarded || (branch !== undefined && branch !== 'consequent'), expected: expected || kind });
            continue;
          }
        }
        break;
      }
      case 'SwitchStatement': {
        // `switch (err.status) { case 404: … }`: each case answers an error kind the app knows.
        if (isKindTest(node.discriminant as AstNode)) {
          for (const branch of [...(node.cases as AstNode[])].reverse()) push(branch, { expected: true });
          continue;
        }
        break;
      }
      case 'BlockStatement':
      case 'Program': {
        // `if (production) return res.status(500).end();` guards every statement after it.
        const body = node.body as AstNode[];
        let after = guarded;
        const frames: Frame[] = [];
        for (const statement of body) {
          frames.push({ ...frame, node: statement, guarded: after });
          if (statement.type === 'IfStatement' && !statement.alternate && exits(statement.consequent as AstNode) && productionBranch(statement.test as AstNode) === 'consequent') after = true;
        }
        // Statements in order: the walk pops from the end.
        stack.push(...frames.reverse());
        continue;
      }
      case 'FunctionDeclaration':
      case 'ClassMethod':
      case 'ObjectMethod':
        if (node !== fn.node) continue;
        break;
      default:
        break;
    }
    // Children in source order for the declarations above to be seen before their uses.
    const next = children(node).map((child) => ({ ...frame, node: child }));
    stack.push(...next.reverse());
  }
  return leaks;
}

export interface LeakingHandler {
  /** What kind of handler: 'Express error handler', 'Fastify error handler', 'Koa middleware', 'NestJS exception filter'. */
  handler: string;
  /** Where the handler is registered (the app.use / setErrorHandler / useGlobalFilters call). */
  registeredAt: FileLocation;
  leaks: ErrorLeak[];
  /** `default` when the app it is registered on may not be what production serves, or the call may not run. */
  confidence: Confidence;
}

/** The functions a call registers as error handlers, with the parameters holding the error. */
function handlersOfCall(call: JsCall): { handler: string; fn: JsFunction; errorParams: string[] }[] {
  const functions = call.args.flatMap((arg) => (arg.kind === 'function' ? [arg.fn] : arg.kind === 'array' ? arg.items.flatMap((item) => (item.kind === 'function' ? [item.fn] : [])) : []));
  switch (call.callee) {
    case 'express#use':
    case 'express.Router#use':
      // Express tells an error handler from a middleware by its four parameters.
      return functions.filter((fn) => fn.params.length === 4).map((fn) => ({ handler: 'Express error handler', fn, errorParams: [fn.params[0]!] }));
    case 'fastify#setErrorHandler':
      return functions.map((fn) => ({ handler: 'Fastify error handler', fn, errorParams: fn.params.slice(0, 1) }));
    case 'koa#use':
      return functions.map((fn) => ({ handler: 'Koa middleware', fn, errorParams: [] }));
    case 'nestjs#useGlobalFilters':
      // An exception filter instance: its catch(exception, host) method.
      return call.args.flatMap((arg) => {
        const method = arg.kind === 'object' ? arg.props.get('catch') : undefined;
        return method?.kind === 'function' ? [{ handler: 'NestJS exception filter', fn: method.fn, errorParams: method.fn.params.slice(0, 1) }] : [];
      });
    default:
      return [];
  }
}

/**
 * The `catch(exception, host)` method of the NestJS exception filter class a `@Catch()` decorator call is
 * on (the evaluator records the decorator call, not the class: the class is found in the file's AST by the
 * decorator's line).
 */
function nestFilterOf(workspace: Workspace, call: JsCall): HandlerFunction | undefined {
  const parsed = parseFile(workspace, call.location.file);
  if (!parsed.ok) return undefined;
  const stack: unknown[] = [parsed.ast.program];
  for (let count = 0; stack.length > 0 && count < MAX_NODES; count++) {
    const node = stack.pop();
    if (!isNode(node)) continue;
    if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
      const decorators = (node.decorators as AstNode[] | undefined) ?? [];
      if (decorators.some((decorator) => decorator.loc?.start.line === call.location.line || (decorator.expression as AstNode | undefined)?.loc?.start.line === call.location.line)) {
        const body = ((node.body as AstNode).body as AstNode[]).find((member) => member.type === 'ClassMethod' && (member.key as AstNode).type === 'Identifier' && (member.key as AstNode).name === 'catch');
        if (!body) return undefined;
        const params = (body.params as AstNode[]).map((param) => (param.type === 'Identifier' ? (param.name as string) : ''));
        return { file: call.location.file, params, node: body };
      }
    }
    stack.push(...children(node));
  }
  return undefined;
}

/** The error handlers of the production program that send error details to the client. */
export function leakingErrorHandlers(program: JsProgram, workspace: Workspace): LeakingHandler[] {
  const found: LeakingHandler[] = [];
  const seen = new Set<unknown>();
  const judge = (handler: string, fn: HandlerFunction, errorParams: string[], call: JsCall): void => {
    if (seen.has(fn.node)) return;
    seen.add(fn.node);
    const leaks = errorLeaksOf(fn, errorParams);
    if (leaks.length > 0) found.push({ handler, registeredAt: call.location, leaks, confidence: handlerConfidence(program, call) });
  };
  for (const call of program.calls) {
    if (call.conditional) continue;
    if (call.callee === '@nestjs/common.Catch') {
      const filter = nestFilterOf(workspace, call);
      if (filter) judge('NestJS exception filter', filter, filter.params.slice(0, 1), call);
      continue;
    }
    for (const { handler, fn, errorParams } of handlersOfCall(call)) judge(handler, fn, errorParams, call);
  }
  return found;
}
