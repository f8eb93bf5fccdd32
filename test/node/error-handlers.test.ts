import { parse, parseExpression } from '@babel/parser';
import { describe, expect, it } from 'vitest';
import type { JsValue } from '../../src/js/types.js';
import { errorLeaksOf, leakingErrorHandlers } from '../../src/node/error-handlers.js';
import { workspaceOf } from '../helpers/workspace.js';
import { js, programOf } from './js-values.js';

/** The first function of `source` as the evaluator hands it over, with its error parameter. */
function leaks(source: string, errorParams?: string[]): { detail: string; line: number; expression: string }[] {
  const file = parse(source, { sourceType: 'module', plugins: ['typescript', 'decorators'] });
  const stack: unknown[] = [file.program];
  let fn: { params: { name?: string }[] } | undefined;
  while (stack.length && !fn) {
    const node = stack.shift() as Record<string, unknown>;
    if (/Function|ClassMethod/.test(String(node.type))) fn = node as never;
    else for (const value of Object.values(node)) (Array.isArray(value) ? value : [value]).forEach((item) => item && typeof item === 'object' && 'type' in item && stack.push(item));
  }
  const params = fn!.params.map((param) => param.name ?? '');
  return errorLeaksOf({ file: 'app.js', params, node: fn }, errorParams ?? params.slice(0, 1)).map((leak) => ({
    detail: leak.detail,
    line: leak.location.line,
    expression: leak.expression,
  }));
}

describe('errorLeaksOf', () => {
  it('finds err.stack and err.message sent by an Express error handler', () => {
    expect(leaks(`function handler(err, req, res, next) {\n  res.status(500).json({ error: err.message,\n stack: err.stack });\n}`)).toEqual([
      { detail: 'message', line: 2, expression: 'err.message' },
      { detail: 'stack', line: 3, expression: 'err.stack' },
    ]);
  });

  it('follows a payload built first, destructuring, and Koa ctx.body in a catch', () => {
    expect(leaks(`const h = (err, req, res, next) => {\n  const payload = { msg: err.stack };\n  res.send(payload);\n}`)).toEqual([{ detail: 'stack', line: 2, expression: 'err.stack' }]);
    expect(leaks(`const h = (error, request, reply) => {\n  const { stack } = error;\n  reply.code(500).send({ stack });\n}`)).toEqual([{ detail: 'stack', line: 3, expression: 'stack' }]);
    expect(leaks(`async function mw(ctx, next) {\n  try { await next(); }\n  catch (e) {\n    ctx.status = 500;\n    ctx.body = { message: e.message };\n  }\n}`, [])).toEqual([
      { detail: 'message', line: 5, expression: 'e.message' },
    ]);
  });

  it('finds the leak in the production branch of an environment test', () => {
    expect(leaks(`function h(err, req, res, next) {\n  if (process.env.NODE_ENV === 'production') {\n    res.json({ stack: err.stack });\n  }\n}`)).toHaveLength(1);
  });

  it('finds a message rendered into a Fastify view and one kept in a local first', () => {
    expect(leaks(`function h(error, request, reply) {\n  reply.code(500).view('500.pug', { errorMessage: error.message });\n}`)).toHaveLength(1);
    expect(leaks(`function h(err, req, res, next) {\n  const message = err.message || 'Internal Server Error';\n  res.status(500).json({ message });\n}`)).toEqual([{ detail: 'message', line: 2, expression: 'err.message' }]);
  });

  it('leaves messages of errors the app expects, stacks it deletes in production, and values it replaces', () => {
    expect(leaks(`function h(error, req, res, next) {\n  const message = error instanceof AppError ? error.message : 'An error occurred.';\n  res.status(500).json({ message });\n}`)).toEqual([]);
    expect(leaks(`function h(err, req, res, next) {\n  res.status(err.status).json({ message: err.expose && err.message });\n}`)).toEqual([]);
    expect(
      leaks(`async function mw(ctx, next) {\n  try { await next(); } catch (err) {\n    if (ctx.app.env === 'production') delete err.stack;\n    switch (err.status) {\n      case 404: ctx.body = { message: err.message }; break;\n      default: ctx.body = { message: err.message, stack: err.stack };\n    }\n  }\n}`, []),
    ).toEqual([]);
    expect(
      leaks(`function h(err, req, res, next) {\n  let { statusCode, message } = err;\n  if (config.env === 'production' && !err.isOperational) { message = 'Internal Server Error'; }\n  const response = { code: statusCode, message, ...(config.env === 'development' && { stack: err.stack }) };\n  res.status(statusCode).send(response);\n}`),
    ).toEqual([]);
  });

  it('leaves handlers that gate details on NODE_ENV, log them, or send a fixed text', () => {
    expect(leaks(`function h(err, req, res, next) {\n  console.error(err.stack);\n  logger.send(err.message);\n  res.status(500).send('Internal error');\n}`)).toEqual([]);
    expect(leaks(`function h(err, req, res, next) {\n  res.status(500).json({ stack: process.env.NODE_ENV === 'production' ? undefined : err.stack });\n}`)).toEqual([]);
    expect(leaks(`function h(err, req, res, next) {\n  if (process.env.NODE_ENV !== 'production') {\n    return res.json({ stack: err.stack });\n  }\n  res.sendStatus(500);\n}`)).toEqual([]);
    expect(leaks(`function h(err, req, res, next) {\n  if (process.env.NODE_ENV === 'production') return res.sendStatus(500);\n  res.json({ stack: err.stack });\n}`)).toEqual([]);
    expect(leaks(`function h(err, req, res, next) {\n  const isDev = req.app.get('env') === 'development';\n  res.json({ stack: isDev && err.stack });\n}`)).toEqual([]);
  });
});

describe('leakingErrorHandlers', () => {
  /** The function value of the first function in `source`. */
  function fnValue(source: string): JsValue {
    const expression = parseExpression(source, { plugins: ['typescript'] }) as unknown as { params: { name: string }[] };
    return { kind: 'function', fn: { file: 'server.js', loc: { file: 'server.js', line: 1, column: 1 }, params: expression.params.map((param) => param.name), node: expression } };
  }
  const handler = '(err, req, res, next) => res.status(500).json({ stack: err.stack })';

  it('reads four-parameter Express handlers (app and router), Fastify error handlers and Nest filters', () => {
    const program = programOf([
      { callee: 'express#use', args: [fnValue(handler)] },
      { callee: 'express.Router#use', args: [js('/api'), fnValue('(e, req, res, next) => { res.send(e.message); }')] },
      { callee: 'fastify#setErrorHandler', args: [fnValue('(error, request, reply) => reply.send({ detail: error.stack })')] },
      { callee: 'nestjs#useGlobalFilters', args: [{ kind: 'object', props: new Map([['catch', fnValue('(exception, host) => host.switchToHttp().getResponse().json({ m: exception.message })')]]) }] },
    ]);
    expect(leakingErrorHandlers(program, workspaceOf({})).map((found) => [found.handler, found.registeredAt.line, found.leaks.map((leak) => leak.expression)])).toEqual([
      ['Express error handler', 1, ['err.stack']],
      ['Express error handler', 2, ['e.message']],
      ['Fastify error handler', 3, ['error.stack']],
      ['NestJS exception filter', 4, ['exception.message']],
    ]);
  });

  it('leaves three-parameter middleware and handlers registered in a branch that may not run', () => {
    const program = programOf([
      { callee: 'express#use', args: [fnValue('(req, res, next) => res.json({ stack: req.stack })')] },
      { callee: 'express#use', args: [fnValue(handler)], conditional: true },
    ]);
    expect(leakingErrorHandlers(program, workspaceOf({}))).toEqual([]);
  });
});

describe('NestJS exception filters', () => {
  const filter = (body: string): string =>
    `import { Catch } from '@nestjs/common';\n\n@Catch()\nexport class AllErrors {\n  catch(exception, host) {\n    const response = host.switchToHttp().getResponse();\n${body}\n  }\n}\n`;
  const catchCall = { callee: '@nestjs/common.Catch', args: [], location: { file: 'src/filter.ts', line: 3, column: 1 } };

  it('reads the catch method of the class the @Catch() decorator is on', () => {
    const workspace = workspaceOf({ 'src/filter.ts': filter('    response.status(500).json({ stack: exception.stack });') });
    const program = { ...programOf([]), calls: [catchCall] };
    expect(leakingErrorHandlers(program, workspace).map((found) => [found.handler, found.leaks[0]!.location])).toEqual([
      ['NestJS exception filter', { file: 'src/filter.ts', line: 7, column: 40 }],
    ]);
  });

  it('leaves a filter that sends the stack only outside production', () => {
    const workspace = workspaceOf({ 'src/filter.ts': filter("    response.status(500).json({ error: 'failed', ...(process.env.NODE_ENV !== 'production' && { stack: exception.stack }) });") });
    expect(leakingErrorHandlers({ ...programOf([]), calls: [catchCall] }, workspace)).toEqual([]);
  });
});
