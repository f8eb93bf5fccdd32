/**
 * Secrets written in JS/TS code: a literal, a constant, or the literal fallback of an environment read
 * (`process.env.SECRET || 'keyboard cat'`). A value production reads from a variable it sets is not in
 * the code (a committed env file is env/file-committed's finding); its literal fallback still is, one
 * missing variable away.
 */
import type { Confidence } from '../core/severity.js';
import type { FileLocation } from '../core/location.js';
import type { JsProgram, JsValue } from '../js/types.js';
import { canonicalCallee, packageUses } from './app-uses.js';
import { writtenOption } from './option-state.js';

export interface CodeSecret {
  /** The secret itself (rules hand it to `report.secret`, which masks it). */
  secret: string;
  location: FileLocation;
  /** `certain` for a literal; `default` when the literal is used only while a variable is unset. */
  confidence: Confidence;
  /** The variable whose literal fallback this is, when it is one. */
  variable?: string;
  /** Production sets the variable: the literal is only the fallback a missing variable would use. */
  fallbackOnly: boolean;
}

const CODE_FILE = /\.[cm]?[jt]sx?$/;

/** The text of a JS string literal (quotes of any kind, no interpolation), or undefined. */
function literalText(source: string | undefined): string | undefined {
  const match = /^(['"`])([^]*)\1$/.exec(source?.trim() ?? '');
  if (!match || (match[1] === '`' && match[2]!.includes('${'))) return undefined;
  return match[2];
}

function fromString(value: JsValue & { kind: 'string' }, fallback: FileLocation): CodeSecret | undefined {
  if (!value.value) return undefined;
  const reads = value.env ?? [];
  // A value read from package.json or another data file is reported where the code uses it.
  const location = value.loc && CODE_FILE.test(value.loc.file) ? value.loc : fallback;
  if (!reads.length) return { secret: value.value, location, confidence: 'certain', fallbackOnly: false };
  if (reads.every((read) => !read.set)) {
    return { secret: value.value, location, confidence: 'default', variable: reads[0]!.name, fallbackOnly: false };
  }
  return fromSetRead(value, fallback);
}

/** A value production reads from a set variable: its literal fallback, if the code has one. */
function fromSetRead(value: JsValue, fallback: FileLocation): CodeSecret | undefined {
  for (const read of value.env ?? []) {
    const text = literalText(read.defaultText);
    if (read.set && text) {
      return { secret: text, location: value.loc ?? fallback, confidence: 'default', variable: read.name, fallbackOnly: true };
    }
  }
  return undefined;
}

/**
 * The secrets written in code behind a secret option: a string, or each string of an array (rotation lists,
 * nested ones too; an array that contains itself is read once).
 */
export function secretsInCode(value: JsValue | undefined, fallback: FileLocation): CodeSecret[] {
  const found: CodeSecret[] = [];
  const seen = new Set<JsValue>();
  const queue: { value: JsValue; at: FileLocation }[] = value ? [{ value, at: fallback }] : [];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { value: current, at } = next;
    const secret = current.kind === 'string' ? fromString(current, at) : current.kind === 'unknown' ? fromSetRead(current, at) : undefined;
    if (secret) found.push(secret);
    if (current.kind !== 'array' || seen.has(current)) continue;
    seen.add(current);
    for (const item of current.items) queue.push({ value: item, at: current.loc ?? at });
  }
  return found;
}

/** How a finding names where the secret comes from. */
export function describeCodeSecret(found: CodeSecret, what: string): string {
  if (found.fallbackOnly) {
    return `${what} comes from ${found.variable}, which production sets, but falls back to a secret written in the code: a deploy that misses the variable runs with the published secret`;
  }
  if (found.variable) return `${what} falls back to a secret written in the code when ${found.variable} is unset, as it is in production`;
  return `${what} is written in the code, so everyone who can read the repository can sign their own cookies or tokens`;
}

export interface JwtSecret {
  /** The API that received it, for the message: 'jsonwebtoken.sign', '@nestjs/jwt JwtModule.register', … */
  source: string;
  value: JsValue;
  /** The call, for the fallback location. */
  at: FileLocation;
}

/** Where each JWT API takes its secret: the argument index, and the option inside it when it is an object. */
const JWT_SECRET_ARGS: Record<string, { arg: number; option?: string }> = {
  'jsonwebtoken.sign': { arg: 1 },
  'jsonwebtoken.verify': { arg: 1 },
  'express-jwt': { arg: 0, option: 'secret' },
  'express-jwt.expressjwt': { arg: 0, option: 'secret' },
  'koa-jwt': { arg: 0, option: 'secret' },
  'passport-jwt.Strategy': { arg: 0, option: 'secretOrKey' },
  '@nestjs/jwt.JwtModule.register': { arg: 0, option: 'secret' },
  '@nestjs/jwt.JwtService': { arg: 0, option: 'secret' },
};

/** A PEM public key or certificate verifies tokens; publishing it is fine. */
function isPublicKey(value: JsValue): boolean {
  return value.kind === 'string' && /-----BEGIN (PUBLIC KEY|CERTIFICATE|RSA PUBLIC KEY)/.test(value.value);
}

function pick(value: JsValue | undefined, option: string | undefined): JsValue | undefined {
  return option ? writtenOption(value, option) : value;
}

/**
 * The secrets JWTs are signed or verified with, wherever the call is (a route handler's
 * `jwt.sign(payload, SECRET)` included: the secret is in the code whether or not the handler runs).
 */
export function jwtSecrets(program: JsProgram): JwtSecret[] {
  const found: JwtSecret[] = [];
  for (const call of program.calls) {
    const source = canonicalCallee(call.callee);
    const where = JWT_SECRET_ARGS[source];
    const value = where && pick(call.args[where.arg], where.option);
    if (value && !isPublicKey(value)) found.push({ source, value, at: call.location });
  }
  for (const use of packageUses(program, ['@fastify/jwt'])) {
    const secret = pick(use.options, 'secret');
    // @fastify/jwt also takes { private, public } key pairs: the private half is the secret.
    const value = secret?.kind === 'object' ? secret.props.get('private') : secret;
    if (value && !isPublicKey(value)) found.push({ source: '@fastify/jwt', value, at: use.call.location });
  }
  return found;
}
