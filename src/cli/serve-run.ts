import { readFileSync } from 'node:fs';
import { toolVersion } from './version.js';
import { UsageError } from '../core/errors.js';
import { startServe } from '../server/app.js';
import type { ServeFlags } from './serve-command.js';

function positiveInteger(value: string, option: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${option} expects a whole number from 1 to ${max} (got '${value}')`);
  return n;
}

function readPem(file: string, option: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${option}: cannot read ${file}: ${(error as Error).message}`);
  }
}

/** `deploycheck serve`: listen until SIGINT/SIGTERM, then close and return 0. */
export async function runServeCommand(flags: ServeFlags): Promise<number> {
  const port = positiveInteger(flags.port, '--port', 65535);
  const maxConcurrentScans = positiveInteger(flags.maxScans, '--max-scans', 64);
  const budgetSeconds = Number(flags.budget);
  if (!Number.isFinite(budgetSeconds) || budgetSeconds <= 0 || budgetSeconds > 300) throw new UsageError(`--budget expects seconds from 1 to 300 (got '${flags.budget}')`);
  if (Boolean(flags.cert) !== Boolean(flags.key)) throw new UsageError('--cert and --key go together');
  const tls = flags.cert && flags.key ? { cert: readPem(flags.cert, '--cert'), key: readPem(flags.key, '--key') } : undefined;
  let running;
  try {
    running = await startServe({
      port,
      host: flags.host,
      allowPrivate: flags.allowPrivate ?? false,
      allowedHosts: flags.allowedHost,
      ...(tls ? { tls } : {}),
      limits: { maxConcurrentScans, scanBudgetMs: Math.round(budgetSeconds * 1000) },
      toolVersion: toolVersion(),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new UsageError(`cannot listen on ${flags.host}:${port}: ${code}`);
    throw error;
  }
  process.stderr.write(
    `deploycheck serve: listening on ${running.url}${flags.allowPrivate ? ' (address guard OFF: private and loopback targets allowed)' : ''}\n` + 'press Ctrl+C to stop\n',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.close();
  return 0;
}
