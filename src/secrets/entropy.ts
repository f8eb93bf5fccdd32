/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

const HEX = /^[0-9a-fA-F]+$/;
/** Words and separators only (`my-api-key-value`, `postgres.internal`): names, not secrets. */
const WORDS_ONLY = /^[A-Za-z_.\-/ ]+$/;

/**
 * Whether a value looks randomly generated: long enough, not made of words, and with high
 * entropy for its alphabet (hex strings have at most 4 bits per character, so their bar is lower).
 */
export function looksRandom(value: string): boolean {
  if (value.length < 16 || value.length > 512) return false;
  if (/\s/.test(value) || WORDS_ONLY.test(value)) return false;
  if (/^\d+$/.test(value)) return false;
  // Paths, URLs and dotted module names are not keys.
  if (/^(?:\/|\.\/|~\/|[a-z][a-z0-9+.-]*:\/\/)/i.test(value) || /^[a-z_][\w]*(?:\.[a-z_][\w]*){2,}$/i.test(value)) return false;
  const entropy = shannonEntropy(value);
  if (HEX.test(value)) return value.length >= 32 && entropy >= 3.0;
  return entropy >= 3.5;
}
