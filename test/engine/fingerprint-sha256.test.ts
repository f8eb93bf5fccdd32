/** The fingerprints' own SHA-256 gives node:crypto's digests byte for byte: baselines store fingerprints. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/engine/fingerprint.js';
import { sha256Hex } from '../../src/engine/fingerprint-sha256.js';

const reference = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A deterministic pseudo-random generator (xorshift32), so that a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

/** Characters of one to four UTF-8 bytes, NUL and whitespace included. */
const ALPHABET = ['a', 'Z', '0', '\0', ' ', '\n', '\t', 'é', 'ß', '€', '中', '😀', '\u{10ffff}', '\u0080', '\u07ff', '\u0800', '\uffff'];

function randomText(next: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return text;
}

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('matches node:crypto at every length around the padding boundaries (55/56/64 bytes and their multiples)', () => {
    for (let length = 0; length <= 260; length++) {
      const ascii = 'x'.repeat(length);
      expect(sha256Hex(ascii), `length ${length}`).toBe(reference(ascii));
    }
  });

  it('hashes the UTF-8 bytes: multi-byte characters that end on and across the boundaries', () => {
    for (const char of ['é', '€', '😀']) {
      for (let prefix = 40; prefix <= 70; prefix++) {
        const text = `${'y'.repeat(prefix)}${char}`;
        expect(sha256Hex(text), `${prefix} + ${char}`).toBe(reference(text));
      }
    }
    // A lone surrogate is encoded as U+FFFD by both.
    expect(sha256Hex('\ud800')).toBe(reference('\ud800'));
  });

  it('matches node:crypto on a thousand random texts, long ones included', () => {
    const next = random(0x5eed);
    for (let i = 0; i < 1000; i++) {
      const length = i % 50 === 0 ? 5000 + Math.floor(next() * 20000) : Math.floor(next() * 300);
      const text = randomText(next, length);
      expect(sha256Hex(text), `text ${i}`).toBe(reference(text));
    }
  });

  it('keeps the fingerprints that baselines stored (digests written down with node:crypto)', () => {
    const about = '  SECRET_KEY\n is   hard-coded ';
    expect(fingerprint('django/secret-key', { file: 'app/settings.py', line: 3, column: 1 }, about)).toBe('54e1cecdf9069a85573e');
    expect(fingerprint('probe/hsts', { url: 'https://example.com/' }, 'no HSTS')).toBe('e32b27d131b13530bfc7');
  });
});
