/** The fixture projects stay small, complete and documented (see fixtures/README.md). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from './oracle/django-oracle.js';

const fixtures = readdirSync(FIXTURES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

describe('fixtures', () => {
  it('exist', () => {
    expect(fixtures).toEqual(
      expect.arrayContaining(['startproject', 'hardened', 'split-environ', 'decouple', 'dburl-sqlite', 'broken', 'oracle-base']),
    );
  });

  const readme = readFileSync(join(FIXTURES_DIR, 'README.md'), 'utf8');

  describe.each(fixtures)('%s', (fixture) => {
    const root = join(FIXTURES_DIR, fixture);

    it('is documented in fixtures/README.md', () => {
      expect(readme).toContain(`\`${fixture}/\``);
    });

    it('is small and has no .git directory', () => {
      expect(existsSync(join(root, '.git'))).toBe(false);
      expect(filesUnder(root).length).toBeLessThanOrEqual(16);
    });

    if (fixture.startsWith('node-')) {
      it('is a Node project without its own node_modules', () => {
        expect(existsSync(join(root, 'package.json'))).toBe(true);
        expect(existsSync(join(root, 'node_modules'))).toBe(false);
      });
    } else {
      it('is a Django project pinning Django 3.2.25', () => {
        expect(existsSync(join(root, 'manage.py'))).toBe(true);
        expect(readFileSync(join(root, 'requirements.txt'), 'utf8')).toMatch(/^Django==3\.2\.25$/m);
      });
    }
  });
});
