/** A mistake in how deploycheck was called or configured: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
