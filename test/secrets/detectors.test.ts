import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPECTED_SECRETS, LOOK_ALIKES } from './cases.js';
import { shannonEntropy } from '../../src/secrets/entropy.js';
import { isEnvTemplate, secretFileKind } from '../../src/secrets/files.js';
import { isPlaceholder } from '../../src/secrets/placeholders.js';
import { scanText } from '../../src/secrets/scanner.js';
import type { SecretHit } from '../../src/secrets/types.js';

const FIXTURE = 'fixtures/secrets';

function scanFixture(): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const entry of readdirSync(FIXTURE, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = relative(FIXTURE, join(entry.parentPath, entry.name));
    hits.push(...scanText(readFileSync(join(FIXTURE, file), 'utf8'), file));
  }
  return hits;
}

describe('secret detectors on fixtures/secrets', () => {
  const hits = scanFixture();
  const found = hits.map((hit) => `${hit.location.file}:${hit.location.line} ${hit.detector}`);

  it('find every planted secret (recall) and nothing else (precision)', () => {
    const truePositives = found.filter((key) => EXPECTED_SECRETS.includes(key));
    const recall = new Set(truePositives).size / EXPECTED_SECRETS.length;
    const precision = truePositives.length / found.length;
    expect(EXPECTED_SECRETS.length).toBeGreaterThanOrEqual(30);
    expect({ recall, precision, missed: EXPECTED_SECRETS.filter((key) => !found.includes(key)), extra: found.filter((key) => !EXPECTED_SECRETS.includes(key)) })
      .toEqual({ recall: 1, precision: 1, missed: [], extra: [] });
  });

  it('stay silent on 30+ look-alike placeholders', () => {
    let lookAlikes = 0;
    for (const range of LOOK_ALIKES) {
      const lines = readFileSync(join(FIXTURE, range.file), 'utf8').split('\n').slice(range.from - 1, range.to);
      lookAlikes += lines.filter((line) => /[=:]/.test(line)).length;
      const inRange = hits.filter((hit) => hit.location.file === range.file && hit.location.line >= range.from && hit.location.line <= range.to);
      expect(inRange.map((hit) => `${hit.location.file}:${hit.location.line} ${hit.detector}`)).toEqual([]);
    }
    expect(lookAlikes).toBeGreaterThanOrEqual(30);
  });

  it('give each hit a name where the value is assigned, and the exact secret', () => {
    const stripe = hits.find((hit) => hit.location.file === 'shop/payments.py' && hit.location.line === 8);
    expect(stripe).toMatchObject({ tier: 'known', name: 'api_key', secret: 'sk_live_p5GRqb1VDMQeXjHBXMOdHbCa', location: { column: 19 } });
    const entropy = hits.find((hit) => hit.location.file === '.env' && hit.location.line === 3);
    expect(entropy).toMatchObject({ tier: 'entropy', name: 'SECRET_KEY_B' });
  });
});

describe('placeholders', () => {
  it.each(['changeme', 'your-secret-key', '<token>', '${SECRET_KEY}', '$SECRET', '{{ key }}', 'xxx', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'AKIAIOSFODNN7EXAMPLE', '123456789', ''])(
    '%s is a placeholder',
    (value) => expect(isPlaceholder(value)).toBe(true),
  );
  it.each(['django-insecure-hp3&3##b9d(tnc@$jjsyp5*x-wv(tw%b1pfy9xw7b$mgb%@5&7', 'I9fr3Rk3EkUExJl5kafLRkzpEp0ABXoU'])(
    '%s is not a placeholder',
    (value) => expect(isPlaceholder(value)).toBe(false),
  );
});

describe('odd input', () => {
  it('never throws and finds nothing in binary-looking, empty or huge-line text', () => {
    expect(scanText('', 'settings.py')).toEqual([]);
    expect(scanText('\u0000\u0001'.repeat(1000), '.env')).toEqual([]);
    expect(scanText(`X = "${'a'.repeat(200_000)}`, 'settings.py')).toEqual([]);
    expect(scanText('"private_key": "-----BEGIN PRIVATE KEY-----', 'key.json')).toEqual([]);
  });

  it('reads only the files it knows the syntax of', () => {
    expect(secretFileKind('README.md')).toBeUndefined();
    expect(secretFileKind('package-lock.json')).toBeUndefined();
    expect(secretFileKind('deploy/.env.production')).toBe('dotenv');
    expect(secretFileKind('docker/Dockerfile.prod')).toBe('dockerfile');
    expect(isEnvTemplate('.env.example')).toBe(true);
    expect(isEnvTemplate('.env.production')).toBe(false);
  });

  it('measures entropy in bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});
