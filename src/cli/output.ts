import { writeFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';

/** Write a report to --output FILE, or to stdout. */
export function emit(text: string, output: string | undefined): void {
  if (!output) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(output, text);
  } catch (error) {
    throw new UsageError(`cannot write ${output}: ${(error as Error).message}`);
  }
}

/** Colour only on a terminal, never into a file; NO_COLOR and FORCE_COLOR are honoured. */
export function useColor(output: string | undefined, flag: boolean | undefined): boolean {
  if (flag === false || output) return false;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY);
}
