/** Character counts for ASCII values, reused between calls (values are scanned by the thousand). */
const ASCII_COUNTS = new Uint32Array(128);

/** How often each character occurs in `value`, and the number of characters (code points). */
function characterCounts(value: string): { counts: Iterable<number>; length: number } {
  ASCII_COUNTS.fill(0);
  let ascii = true;
  for (let i = 0; i < value.length && ascii; i++) {
    const code = value.charCodeAt(i);
    if (code < 128) ASCII_COUNTS[code]!++;
    else ascii = false;
  }
  if (ascii) return { counts: ASCII_COUNTS, length: value.length };
  const counts = new Map<string, number>();
  let length = 0;
  for (const char of value) {
    counts.set(char, (counts.get(char) ?? 0) + 1);
    length++;
  }
  return { counts: counts.values(), length };
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  const { counts, length } = characterCounts(value);
  let entropy = 0;
  for (const count of counts) {
    if (count === 0) continue;
    const p = count / length;
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
