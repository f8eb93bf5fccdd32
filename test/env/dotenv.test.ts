import { describe, expect, it } from 'vitest';
import { dotenvKeyLocations, dotenvVars, parseDotenvEntries } from '../../src/env/dotenv.js';
import type { DotenvSource } from '../../src/env/dotenv.js';

const parseDotenv = (text: string, file: string, source?: DotenvSource) => dotenvVars(parseDotenvEntries(text), file, source);

describe('parseDotenvEntries and dotenvVars', () => {
  it('gives every variable its value, line, column and label', () => {
    const text = [
      '# production settings',
      'DEBUG=False',
      '  export SECRET_KEY="abc#123"',
      "ALLOWED_HOSTS='example.com,www.example.com'   # hosts",
      'PRIVATE_KEY="-----BEGIN KEY-----',
      'FAKE_KEY=inside-the-quotes',
      '-----END KEY-----"',
      'EMPTY=',
      'DATABASE_URL = postgres://u:p@db/app',
      'DEBUG=True',
    ].join('\n');
    const vars = parseDotenv(text, '.env.production');
    expect(vars.map((v) => [v.name, v.value, v.source.location?.line, v.source.location?.column, v.source.label])).toEqual([
      ['SECRET_KEY', 'abc#123', 3, 10, '.env.production:3'],
      ['ALLOWED_HOSTS', 'example.com,www.example.com', 4, 1, '.env.production:4'],
      ['PRIVATE_KEY', '-----BEGIN KEY-----\nFAKE_KEY=inside-the-quotes\n-----END KEY-----', 5, 1, '.env.production:5'],
      ['EMPTY', '', 8, 1, '.env.production:8'],
      ['DATABASE_URL', 'postgres://u:p@db/app', 9, 1, '.env.production:9'],
      ['DEBUG', 'True', 10, 1, '.env.production:10'],
    ]);
    expect(vars.every((v) => v.source.kind === 'env-file' && v.source.location?.file === '.env.production')).toBe(true);
  });

  it('handles CRLF line ends, escaped quotes and an unterminated quote', () => {
    const locations = dotenvKeyLocations('A="x\\"y"\r\nB=\'open\r\nC=3\r\n');
    expect(locations.get('A')).toEqual({ line: 1, column: 1 });
    expect(locations.get('B')).toEqual({ line: 2, column: 1 });
    expect(locations.get('C')).toEqual({ line: 3, column: 1 });
  });

  it('labels variables of another kind with a note', () => {
    const [variable] = parseDotenv('X=1\n', 'deploy/.env', { kind: 'docker-compose', note: '(env_file of docker-compose.yml)' });
    expect(variable?.source).toEqual({
      kind: 'docker-compose',
      location: { file: 'deploy/.env', line: 1, column: 1 },
      label: 'deploy/.env:1 (env_file of docker-compose.yml)',
    });
  });
});
