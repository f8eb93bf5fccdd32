import { parse } from '@babel/parser';
import { describe, expect, it } from 'vitest';
import { errorLeaksOf } from '../../src/node/error-handlers.js';

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

  it('leaves handlers that gate details on NODE_ENV, log them, or send a fixed text', () => {
    expect(leaks(`function h(err, req, res, next) {\n  console.error(err.stack);\n  logger.send(err.message);\n  res.status(500).send('Internal error');\n}`)).toEqual([]);
    expect(leaks(`function h(err, req, res, next) {\n  res.status(500).json({ stack: process.env.NODE_ENV === 'production' ? undefined : err.stack });\n}`)).toEqual([]);
    expect(leaks(`function h(err, req, res, next) {\n  if (process.env.NODE_ENV !== 'production') {\n    return res.json({ stack: err.stack });\n  }\n  res.sendStatus(500);\n}`)).toEqual([]);
    expect(leaks(`function h(err, req, res, next) {\n  if (process.env.NODE_ENV === 'production') return res.sendStatus(500);\n  res.json({ stack: err.stack });\n}`)).toEqual([]);
    expect(leaks(`function h(err, req, res, next) {\n  const isDev = req.app.get('env') === 'development';\n  res.json({ stack: isDev && err.stack });\n}`)).toEqual([]);
  });
});
