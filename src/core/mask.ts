/**
 * Mask a secret for display: at most its first 4 characters (fewer for short values, so a short
 * secret is never mostly revealed) and its length. Every output format gets secrets through here.
 */
export function maskSecret(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}… (${secret.length} chars)`;
}
