/** Running statements: declarations, branches (decided or both run as conditional), loops (bounded), try, exports. */
import type * as t from '@babel/types';
import { bindPattern } from './assign.js';
import { type Ctx, here } from './context.js';
import { assuming, evalExpr, skipping, tooDeep, undecided, unsetReads, withAssumed } from './expressions.js';
import { makeClass, makeFunction } from './functions.js';
import { evalExport, evalImportEquals, hoistImport } from './module-syntax.js';
import { strictEquals } from './operators.js';
import { Scope } from './scope.js';
import { MAX_DEPTH } from './state.js';
import type { JsValue } from './types.js';
import { num, str, truthyOf, unknown } from './values.js';

export interface Completion {
  type: 'normal' | 'return' | 'throw' | 'break' | 'continue';
  /** A statement inside an undecided branch may have ended the block: what follows runs as conditional. */
  mayHaveEnded?: true;
  label?: string;
}

const NORMAL: Completion = { type: 'normal' };
/** Loops over known arrays are unrolled up to this many items; longer ones run their body once as conditional. */
const MAX_UNROLL = 64;

/** A module's top level: imports first (ESM hoists them), then the statements in order. */
export function evalModuleBody(ctx: Ctx, body: t.Statement[]): Completion {
  for (const statement of body) if (statement.type === 'ImportDeclaration') hoistImport(ctx, statement);
  return evalStatements(ctx, body);
}

export function evalFunctionBody(ctx: Ctx, body: t.Statement[]): Completion {
  return evalStatements(ctx, body);
}

/** Declare the block's function declarations first (they are hoisted). */
function hoistFunctions(ctx: Ctx, body: t.Statement[]): void {
  for (const statement of body) {
    const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id) {
      ctx.scope.declare(declaration.id.name, makeFunction(ctx, declaration), ctx.it.conditional);
    }
  }
}

function evalStatements(ctx: Ctx, body: t.Statement[]): Completion {
  hoistFunctions(ctx, body);
  let opened = 0;
  try {
    for (const statement of body) {
      const completion = evalStatement(ctx, statement);
      if (completion.type !== 'normal') return completion;
      if (completion.mayHaveEnded) {
        ctx.it.conditional++;
        opened++;
      }
    }
    return opened ? { type: 'normal', mayHaveEnded: true } : NORMAL;
  } finally {
    ctx.it.conditional -= opened;
  }
}

function block(ctx: Ctx, statement: t.Statement): Completion {
  const inner: Ctx = { ...ctx, scope: new Scope(ctx.scope) };
  return statement.type === 'BlockStatement' ? evalStatements(inner, statement.body) : evalStatement(inner, statement);
}

export function declare(ctx: Ctx, declaration: t.VariableDeclaration): void {
  const scope = declaration.kind === 'var' ? ctx.scope.varScope() : ctx.scope;
  for (const declarator of declaration.declarations) {
    const value: JsValue = declarator.init ? evalExpr(ctx, declarator.init) : { kind: 'undefined', loc: here(ctx, declarator) };
    bindPattern(ctx, declarator.id, value, (name, item) => {
      // A `var` of a skipped branch is hoisted out of it, undefined (its value is production's only if it sets the variable).
      if (ctx.it.skipped && scope !== ctx.scope) {
        if (!scope.lookup(name)) scope.declare(name, { kind: 'undefined', loc: here(ctx, declarator), env: ctx.it.assumed }, ctx.it.conditional);
        return;
      }
      scope.declare(name, item, ctx.it.conditional);
    });
  }
}

export function evalStatement(ctx: Ctx, statement: t.Statement): Completion {
  const { it } = ctx;
  it.step(() => here(ctx, statement));
  if (it.depth >= MAX_DEPTH) {
    tooDeep(ctx, statement);
    return NORMAL;
  }
  it.depth++;
  try {
    return run(ctx, statement);
  } finally {
    it.depth--;
  }
}

function run(ctx: Ctx, statement: t.Statement): Completion {
  switch (statement.type) {
    case 'ExpressionStatement':
      evalExpr(ctx, statement.expression);
      // process.exit() ends the program as an uncaught throw does.
      return isProcessExit(statement) ? { type: 'throw' } : NORMAL;
    case 'VariableDeclaration':
      declare(ctx, statement);
      return NORMAL;
    case 'FunctionDeclaration':
      return NORMAL;
    case 'ClassDeclaration':
      if (statement.id) ctx.scope.declare(statement.id.name, makeClass(ctx, statement), ctx.it.conditional);
      else makeClass(ctx, statement);
      return NORMAL;
    case 'BlockStatement':
      return block(ctx, statement);
    case 'IfStatement':
      return ifStatement(ctx, statement);
    case 'ReturnStatement': {
      const value: JsValue = statement.argument ? evalExpr(ctx, statement.argument) : { kind: 'undefined' };
      // A skipped branch returns nothing; a return in a branch taken because a variable is unset carries that read.
      if (!ctx.it.skipped) ctx.it.frames[ctx.it.frames.length - 1]?.returns.push(withAssumed(ctx, value));
      return { type: 'return' };
    }
    case 'ThrowStatement':
      evalExpr(ctx, statement.argument);
      return { type: 'throw' };
    case 'TryStatement':
      return tryStatement(ctx, statement);
    case 'SwitchStatement':
      return switchStatement(ctx, statement);
    case 'ForOfStatement':
      return forOf(ctx, statement);
    case 'ForStatement':
    case 'ForInStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
      return loopOnce(ctx, statement);
    case 'LabeledStatement': {
      const completion = evalStatement(ctx, statement.body);
      // A labelled break or continue that reached its label ends there (later iterations of a labelled loop are not run).
      const ownJump = (completion.type === 'break' || completion.type === 'continue') && completion.label === statement.label.name;
      return ownJump ? NORMAL : completion;
    }
    case 'BreakStatement':
      return { type: 'break', ...(statement.label ? { label: statement.label.name } : {}) };
    case 'ContinueStatement':
      return { type: 'continue', ...(statement.label ? { label: statement.label.name } : {}) };
    case 'ImportDeclaration':
      return NORMAL;
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
    case 'ExportAllDeclaration':
    case 'TSExportAssignment':
      evalExport(ctx, statement);
      return NORMAL;
    case 'TSImportEqualsDeclaration':
      evalImportEquals(ctx, statement);
      return NORMAL;
    case 'TSEnumDeclaration':
      ctx.scope.declare(statement.id.name, enumObject(ctx, statement), ctx.it.conditional);
      return NORMAL;
    default:
      return NORMAL;
  }
}

/** `process.exit(…)` as a statement. */
function isProcessExit(statement: t.Statement): boolean {
  if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'CallExpression') return false;
  const callee = statement.expression.callee;
  return callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'process' && callee.property.type === 'Identifier' && callee.property.name === 'exit';
}

/** A branch that always ends the program: it throws or calls process.exit() at its top level. */
function endsProgram(statement: t.Statement): boolean {
  const body = statement.type === 'BlockStatement' ? statement.body : [statement];
  return body.some((inner) => inner.type === 'ThrowStatement' || isProcessExit(inner));
}

/** A test that holds when a value is missing: `!x`, `x == null`, `x === undefined`, `typeof x === 'undefined'`, or several joined by `||`. */
function testsMissing(node: t.Expression): boolean {
  if (node.type === 'UnaryExpression') return node.operator === '!';
  if (node.type === 'LogicalExpression') return node.operator === '||' && testsMissing(node.left) && testsMissing(node.right);
  if (node.type !== 'BinaryExpression' || !['==', '==='].includes(node.operator)) return false;
  const isMissing = (side: t.Node): boolean =>
    side.type === 'NullLiteral' || (side.type === 'Identifier' && side.name === 'undefined') || (side.type === 'StringLiteral' && side.value === 'undefined');
  return isMissing(node.left) || isMissing(node.right);
}

/**
 * `if (!process.env.SECRET) { …; process.exit(1) }`: the program refuses to start without the
 * variables the test reads, so past the guard they are set and their fallbacks are never used. When
 * the test is decided only because the repository does not set them, the platform does: they become
 * required (set, value unknown) and the guard is not taken (true returned).
 */
function requiredByGuard(ctx: Ctx, test: JsValue, statement: t.IfStatement, truth: boolean | undefined): boolean {
  if (truth === false || !testsMissing(statement.test) || !endsProgram(statement.consequent)) return false;
  const reads = (test.env ?? []).filter((read) => read.defaultText === undefined);
  for (const read of reads) ctx.it.envRequired.add(read.name);
  return truth === true && reads.some((read) => !read.set);
}

function ifStatement(ctx: Ctx, statement: t.IfStatement): Completion {
  const test = evalExpr(ctx, statement.test);
  const truth = truthyOf(test);
  if (requiredByGuard(ctx, test, statement, truth)) return statement.alternate ? block(ctx, statement.alternate) : NORMAL;
  if (truth !== undefined) {
    // Decided on an unset variable: production may set it, so the choice is an assumption (confidence `default`).
    const reads = unsetReads(test);
    const [taken, left] = truth ? [statement.consequent, statement.alternate] : [statement.alternate, statement.consequent];
    if (left) skipping(ctx, reads, () => block(ctx, left));
    return taken ? assuming(ctx, reads, () => block(ctx, taken)) : NORMAL;
  }
  const [yes, no] = undecided(ctx, () => [block(ctx, statement.consequent), statement.alternate ? block(ctx, statement.alternate) : NORMAL] as const);
  return joinBranches(yes, no);
}

/**
 * Both branches of an undecided choice ran: the code after them runs for sure only when neither may have ended.
 * A branch that throws does not count: past it, the program runs with what follows or not at all
 * (`if (!secret) throw …` guards what production sees, it does not make it conditional).
 */
function joinBranches(...completions: Completion[]): Completion {
  if (completions.every((completion) => completion.type === 'throw')) return { type: 'throw' };
  const going = completions.filter((completion) => completion.type !== 'throw');
  if (going.every((completion) => completion.type === 'return')) return { type: 'return' };
  if (going.some((completion) => completion.type !== 'normal' || completion.mayHaveEnded)) return { type: 'normal', mayHaveEnded: true };
  return NORMAL;
}

function tryStatement(ctx: Ctx, statement: t.TryStatement): Completion {
  let completion = block(ctx, statement.block);
  if (statement.handler) {
    const handler = statement.handler;
    const runHandler = (): Completion => {
      const scope = new Scope(ctx.scope);
      const inner: Ctx = { ...ctx, scope };
      if (handler.param) bindPattern(inner, handler.param, unknown('caught error', { loc: here(ctx, handler) }), (name, value) => scope.declare(name, value, ctx.it.conditional));
      return evalStatements(inner, handler.body.body);
    };
    if (completion.type === 'throw') completion = runHandler();
    else completion = joinBranches(completion, undecided(ctx, runHandler));
  }
  if (statement.finalizer) {
    const after = block(ctx, statement.finalizer);
    if (after.type !== 'normal') return after;
  }
  return completion;
}

function switchStatement(ctx: Ctx, statement: t.SwitchStatement): Completion {
  const discriminant = evalExpr(ctx, statement.discriminant);
  const scope = new Scope(ctx.scope);
  const inner: Ctx = { ...ctx, scope };
  const matches = statement.cases.map((clause) => (clause.test ? strictEquals(discriminant, evalExpr(inner, clause.test)) : undefined));
  let start = matches.indexOf(true);
  const decidable = matches.every((match, index) => match !== undefined || !statement.cases[index]!.test);
  if (decidable) {
    if (start === -1) start = statement.cases.findIndex((clause) => !clause.test);
    if (start === -1) return NORMAL;
    const completion = evalStatements(inner, statement.cases.slice(start).flatMap((clause) => clause.consequent));
    return completion.type === 'break' && !completion.label ? NORMAL : completion;
  }
  const completions = undecided(ctx, () => statement.cases.map((clause) => evalStatements(inner, clause.consequent)));
  return joinBranches(NORMAL, ...completions.map((completion) => (completion.type === 'break' && !completion.label ? NORMAL : completion)));
}

function loopVariable(ctx: Ctx, left: t.VariableDeclaration | t.LVal, value: JsValue, scope: Scope): void {
  const inner: Ctx = { ...ctx, scope };
  const target = left.type === 'VariableDeclaration' ? left.declarations[0]?.id : left;
  if (target) bindPattern(inner, target, value, (name, item) => scope.declare(name, item, ctx.it.conditional));
}

function forOf(ctx: Ctx, statement: t.ForOfStatement): Completion {
  const iterable = evalExpr(ctx, statement.right);
  if (iterable.kind === 'array' && !iterable.partial && iterable.items.length <= MAX_UNROLL) {
    let opened = 0;
    try {
      for (const item of iterable.items) {
        const scope = new Scope(ctx.scope);
        loopVariable(ctx, statement.left, item, scope);
        const completion = block({ ...ctx, scope }, statement.body);
        if (completion.type === 'break' && !completion.label) break;
        if (completion.type !== 'normal' && !(completion.type === 'continue' && !completion.label)) return completion;
        if (completion.mayHaveEnded) {
          ctx.it.conditional++;
          opened++;
        }
      }
      return opened ? { type: 'normal', mayHaveEnded: true } : NORMAL;
    } finally {
      ctx.it.conditional -= opened;
    }
  }
  const scope = new Scope(ctx.scope);
  loopVariable(ctx, statement.left, unknown('loop item', { loc: here(ctx, statement.left) }), scope);
  const completion = undecided(ctx, () => block({ ...ctx, scope }, statement.body));
  return joinBranches(NORMAL, loopCompletion(completion));
}

function loopCompletion(completion: Completion): Completion {
  return (completion.type === 'break' || completion.type === 'continue') && !completion.label ? NORMAL : completion;
}

/** Other loops: their head runs, their body once as conditional code. */
function loopOnce(ctx: Ctx, statement: t.ForStatement | t.ForInStatement | t.WhileStatement | t.DoWhileStatement): Completion {
  const scope = new Scope(ctx.scope);
  const inner: Ctx = { ...ctx, scope };
  if (statement.type === 'ForStatement') {
    if (statement.init?.type === 'VariableDeclaration') declare(inner, statement.init);
    else if (statement.init) evalExpr(inner, statement.init);
  } else if (statement.type === 'ForInStatement') {
    evalExpr(inner, statement.right);
    loopVariable(inner, statement.left, unknown('loop key', { loc: here(ctx, statement.left) }), scope);
  } else if (statement.type === 'WhileStatement') {
    evalExpr(inner, statement.test);
  }
  const completion = statement.type === 'DoWhileStatement' ? block(inner, statement.body) : undecided(ctx, () => block(inner, statement.body));
  return joinBranches(NORMAL, loopCompletion(completion));
}

function enumObject(ctx: Ctx, statement: t.TSEnumDeclaration): JsValue {
  const props = new Map<string, JsValue>();
  let next = 0;
  for (const member of statement.members) {
    const key = member.id.type === 'Identifier' ? member.id.name : member.id.value;
    const value = member.initializer ? evalExpr(ctx, member.initializer) : num(next, { loc: here(ctx, member) });
    if (value.kind === 'number') next = value.value + 1;
    props.set(key, value.kind === 'unknown' && !member.initializer ? str(key) : value);
  }
  return { kind: 'object', props, loc: here(ctx, statement) };
}
