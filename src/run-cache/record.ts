/**
 * The bundle's half of the run cache: while a `check` runs, the I/O choke points (file reads, path
 * probes, directory listings, git commands) record every input the run depended on, in order, and
 * its output is captured as it is written. At the end the run is stored as one entry, unless
 * something it did cannot be validated without running it (then it is "uncacheable"). Whatever
 * happens here, the run's own output and exit code never depend on it: every cache error is silent.
 * With no recording (tests, `scan`, the build's training runs) the probes only do their I/O.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { encodeEntry, ENTRY_SUFFIX, listDirectory, MAX_ENTRIES, MAX_GIT_BYTES, MAX_OUTPUT_BYTES, MAX_RACY_BYTES, pathKind, RACY_MARGIN_MS, racy, realPath, replayableGit, statFields } from './format.js';
import type { Entry, Input, PathKind, Span } from './format.js';
import type { RunCacheTarget } from './lookup.js';

interface Recording {
  target: RunCacheTarget;
  /** Files changed after this (wall clock, ms) are compared by content too. */
  racyAfter: number;
  inputs: Input[];
  /** Probes already recorded with the same result (a path probed twice is checked once). */
  seen: Set<string>;
  output: Entry['output'];
  blob: Buffer[];
  blobLength: number;
  racyBytes: number;
  gitBytes: number;
  outputBytes: number;
  uncacheable?: string;
  restore: () => void;
}

let current: Recording | undefined;

/** Paths as recorded: absolute (the callers' are, nearly always), so that an entry reads without its cwd. */
const absolute = (path: string): string => (isAbsolute(path) ? path : resolve(path));

/**
 * Adds a probe, unless the same probe with the same result is already there (the same `.git` is
 * looked for on the way up from several places). Files are not looked up: the workspace reads each once.
 */
function add(recording: Recording, input: Extract<Input, { t: 'kind' | 'dir' | 'real' }>): void {
  const result = input.t === 'kind' ? input.k : input.t === 'real' ? String(input.r) : String(input.e);
  const text = `${input.t}\0${input.p}\0${result}`;
  if (recording.seen.has(text)) return;
  recording.seen.add(text);
  recording.inputs.push(input);
}

function store(recording: Recording, bytes: Uint8Array): Span {
  const span: Span = [recording.blobLength, bytes.length];
  recording.blob.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  recording.blobLength += bytes.length;
  return span;
}

/** Captures what `stream` is given, then writes it as before. */
function capture(recording: Recording, stream: NodeJS.WriteStream, fd: 1 | 2): () => void {
  const write = stream.write;
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, encoding?: unknown, ...rest: unknown[]): boolean {
    if (current === recording && recording.uncacheable === undefined) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array);
      recording.outputBytes += bytes.length;
      if (recording.outputBytes > MAX_OUTPUT_BYTES) uncacheable('output too large');
      else recording.output.push([fd, ...store(recording, bytes)]);
    }
    return (write as (...args: unknown[]) => boolean).call(this, chunk, encoding, ...rest);
  } as typeof stream.write;
  return () => {
    stream.write = write;
  };
}

/** Starts recording this process's run into `target`'s entry. */
export function startRecording(target: RunCacheTarget): void {
  const recording: Recording = {
    target,
    racyAfter: Date.now() - RACY_MARGIN_MS,
    inputs: [],
    seen: new Set(),
    output: [],
    blob: [],
    blobLength: 0,
    racyBytes: 0,
    gitBytes: 0,
    outputBytes: 0,
    restore: () => undefined,
  };
  const restoreOut = capture(recording, process.stdout, 1);
  const restoreErr = capture(recording, process.stderr, 2);
  recording.restore = () => {
    restoreOut();
    restoreErr();
  };
  current = recording;
}

/** This run cannot be replayed from recorded inputs (the first reason is kept). */
export function uncacheable(reason: string): void {
  if (current && current.uncacheable === undefined) current.uncacheable = reason;
}

/** A file the run read: its stat, and (only used when it changed too recently to trust its times) the bytes read from its start. */
export function recordFile(path: string, stat: Stats, read: Uint8Array | undefined): void {
  const recording = current;
  if (!recording) return;
  const input: Extract<Input, { t: 'file' }> = { t: 'file', p: absolute(path), ...statFields(stat) };
  if (read && racy(stat, recording.racyAfter)) {
    recording.racyBytes += read.length;
    if (recording.racyBytes > MAX_RACY_BYTES) return uncacheable('too many recently changed files');
    input.head = store(recording, read);
  }
  recording.inputs.push(input);
}

export function recordKind(path: string, kind: PathKind): void {
  if (current) add(current, { t: 'kind', p: absolute(path), k: kind });
}

/** A file of deploycheck's own installation read outside the bundle (a grammar, a package file, a module). */
export function recordDependency(path: string): void {
  if (!current) return;
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return recordKind(path, pathKind(path));
  }
  let bytes: Buffer | undefined;
  if (racy(stat, current.racyAfter)) {
    try {
      bytes = readFileSync(path);
    } catch {
      return uncacheable(`cannot read ${path}`);
    }
  }
  recordFile(path, stat, bytes);
}

/** What `path` is (following links), recorded. */
export function probeKind(path: string): PathKind {
  const kind = pathKind(path);
  if (kind === 'error') uncacheable(`cannot stat ${path}`);
  recordKind(path, kind);
  return kind;
}

/** existsSync, recorded. */
export function probeExists(path: string): boolean {
  const kind = probeKind(path);
  return kind !== 'missing' && kind !== 'error';
}

/** A directory's entries as `<kind char><name>` (see listDirectory), recorded; null when it cannot be read. */
export function probeListing(path: string): string[] | null {
  const entries = listDirectory(path);
  if (current) add(current, { t: 'dir', p: absolute(path), e: entries });
  return entries;
}

export function probeRealpath(path: string): string | null {
  const real = realPath(path);
  if (current) add(current, { t: 'real', p: absolute(path), r: real });
  return real;
}

/** readFileSync, recorded: a missing file as missing, any other failure makes the run uncacheable. */
export function readFileRecorded(path: string): Buffer {
  if (!current) return readFileSync(path);
  const stat = statSync(path, { throwIfNoEntry: false });
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') recordKind(path, 'missing');
    else uncacheable(`cannot read ${path}`);
    throw error;
  }
  if (stat) recordFile(path, stat, bytes);
  else uncacheable(`${path} appeared while read`);
  return bytes;
}

/**
 * A git command's result. `git cat-file --batch`/`--batch-check` is not recorded: it is only fed
 * object ids taken from other git output the entry validates, and an object's content is a pure
 * function of its id (cat-file runs with --no-replace-objects; an object it cannot read makes the
 * run uncacheable: src/workspace/cat-file.ts).
 */
export function recordGit(cwd: string, args: readonly string[], input: string | undefined, result: { ok: true; out: Buffer } | { ok: false; status: number | null; err: string }): void {
  const recording = current;
  if (!recording || args.slice(0, 2).includes('cat-file')) return;
  if (!replayableGit(args)) return uncacheable(`git ${args[0]} is not replayed by the launcher`);
  const command = { t: 'git' as const, cwd: absolute(cwd), args: [...args], ...(input !== undefined ? { input } : {}) };
  if (!result.ok) {
    recording.inputs.push({ ...command, ok: false, status: result.status, err: result.err });
    return;
  }
  recording.gitBytes += result.out.length;
  if (recording.gitBytes > MAX_GIT_BYTES) return uncacheable('git output too large');
  recording.inputs.push({ ...command, ok: true, out: store(recording, result.out) });
}

function debug(message: string): void {
  if (process.env.DEPLOYCHECK_DEBUG_RUN_CACHE) process.stderr.write(`deploycheck: run cache ${message}\n`);
}

/** Removes the oldest entries beyond MAX_ENTRIES, and temporary files a killed run left (over ten minutes old). */
function prune(dir: string): void {
  const names = readdirSync(dir);
  const entries = names.filter((name) => name.endsWith(ENTRY_SUFFIX));
  const leftovers = names.filter((name) => name.endsWith('.tmp'));
  const mtime = (name: string) => statSync(join(dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const remove = (name: string) => {
    try {
      unlinkSync(join(dir, name));
    } catch {
      // Another run removed it first.
    }
  };
  for (const name of leftovers) if (mtime(name) < Date.now() - 10 * 60_000) remove(name);
  if (entries.length <= MAX_ENTRIES) return;
  const byAge = entries.map((name) => ({ name, mtime: mtime(name) })).sort((a, b) => a.mtime - b.mtime);
  for (const { name } of byAge.slice(0, entries.length - MAX_ENTRIES)) remove(name);
}

/**
 * Writes a whole entry to a temporary file of its own and renames it over the entry, so that a reader
 * sees either the old or the new entry, and of two racing runs the last rename wins.
 */
function writeEntry(target: RunCacheTarget, bytes: Buffer): void {
  mkdirSync(target.dir, { recursive: true });
  const temp = join(target.dir, `.${basename(target.file)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    writeFileSync(temp, bytes, { flag: 'wx' });
    renameSync(temp, target.file);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // Never written.
    }
    return;
  }
  prune(target.dir);
}

/**
 * The inputs in the order the launcher checks them, which only changes how soon a miss is found (a
 * hit needs every one): files changed most recently first (what was just edited is what gets edited
 * again), then the probes, then git commands, which cost a process each.
 */
function validationOrder(inputs: readonly Input[]): Input[] {
  const changed = (input: Input) => (input.t === 'file' ? Math.max(input.mtime, input.ctime) : 0);
  const files = inputs.filter((input) => input.t === 'file').sort((a, b) => changed(b) - changed(a));
  return [...files, ...inputs.filter((input) => input.t !== 'file' && input.t !== 'git'), ...inputs.filter((input) => input.t === 'git')];
}

/** Ends the recording: stores the run as an entry unless it was uncacheable. Never throws. */
export function finishRecording(code: number): void {
  const recording = current;
  if (!recording) return;
  current = undefined;
  recording.restore();
  if (recording.uncacheable !== undefined) {
    debug(`uncacheable (${recording.uncacheable})`);
    return;
  }
  try {
    const entry: Entry = { key: recording.target.key, code, output: recording.output, inputs: validationOrder(recording.inputs) };
    writeEntry(recording.target, encodeEntry(entry, Buffer.concat(recording.blob, recording.blobLength)));
  } catch {
    // The cache is an optimisation: a run's result never depends on it.
  }
}
