/**
 * Order strings by UTF-16 code units. Unlike localeCompare, the order does not depend on the
 * machine's locale (reports and baselines come out the same everywhere) and needs no ICU collator,
 * whose first use costs some 10 ms of start-up.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
