import { describe, expect, it } from 'vitest';
import { findKnownSecrets } from '../../src/secrets/formats.js';

/** A Stripe-shaped key, different for every `i` (letters and digits, not a placeholder). */
function stripeKey(i: number): string {
  return `sk_live_${i.toString(36).padStart(6, '0')}Ab3dEf7hIj9kLmN0pQrStUv`;
}

describe('overlapping known-format matches', () => {
  it('keeps the earlier format of each overlap, however many matches a file has', () => {
    const lines: string[] = [];
    const expected: [string, number][] = [];
    let offset = 0;
    const add = (line: string, found: [string, string][]): void => {
      for (const [id, secret] of found) expected.push([id, offset + line.indexOf(secret)]);
      lines.push(line);
      offset += line.length + 1;
    };
    for (let i = 0; i < 3000; i++) {
      const key = stripeKey(i);
      add(`STRIPE_${i}=${key}`, [['stripe-live-key', key]]);
      // A connection URL whose password is itself a Stripe key: the Stripe match wins, the URL password is dropped.
      add(`QUEUE_${i}=amqp://app:${stripeKey(i + 100_000)}@mq.example.com/app`, [['stripe-live-key', stripeKey(i + 100_000)]]);
      // An ordinary URL password next to a PEM-free line: reported as a URL password.
      add(`DB_${i}=postgres://app:Pw${i}xY7zQ@db.example.com/app`, [['url-password', `Pw${i}xY7zQ`]]);
    }
    const matches = findKnownSecrets(lines.join('\n'));
    expect(matches.map((match) => [match.format.id, match.index])).toEqual(expected);
    expect(matches.filter((match) => match.format.id === 'url-password')).toHaveLength(3000);
  });

  it('drops a PEM key inside a service-account file in favour of the service-account key', () => {
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7'.repeat(2);
    const pem = `-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----\\n`;
    const text = `{"type": "service_account", "private_key": "${pem}"}`;
    expect(findKnownSecrets(text).map((match) => [match.format.id, match.index])).toEqual([['gcp-service-account', text.indexOf('-----BEGIN')]]);
  });
});
