import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../helpers/project.js';
import { runCheck } from '../../src/frameworks.js';
import { scanHistory } from '../../src/history/scan.js';
import { streamBlobs } from '../../src/workspace/cat-file.js';

function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=dev@example.com', '-c', 'user.name=dev', ...args], { cwd: root, encoding: 'utf8' }).trim();
}

describe('check --history', () => {
  const root = makeProject({ 'README.md': '# app\n' });
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'start');
  writeFileSync(join(root, 'config.py'), "STRIPE_KEY = 'sk_live_p5GRqb1VDMQeXjHBXMOdHbCa'\nAPI_TOKEN = 'changeme'\n");
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'add stripe');
  const introduced = git(root, 'rev-parse', 'HEAD');
  writeFileSync(join(root, 'config.py'), "import os\nSTRIPE_KEY = os.environ['STRIPE_KEY']\nAPI_TOKEN = 'changeme'\n");
  git(root, 'commit', '-qam', 'read the key from the environment');
  writeFileSync(join(root, 'github.py'), "TOKEN = 'ghp_01omCwdSaHgVhpndBKqZ8NIHinA0etpBoiiY'\n");
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'github');

  it('finds each secret once, at the commit that introduced it', async () => {
    const scan = await scanHistory(root);
    expect(scan.commits).toBe(4);
    expect(scan.secrets.map((secret) => [secret.detector, secret.path, secret.location.line])).toEqual([
      ['stripe-live-key', 'config.py', 1],
      ['github-token', 'github.py', 1],
    ]);
    expect(scan.secrets[0]!.commit).toBe(introduced);
    expect(scan.bytes).toBeGreaterThan(0);
  });

  it('reports a secret removed from HEAD as still in the history, and not one still in the tree', async () => {
    const result = await runCheck({ root, history: true, only: ['secrets'] });
    const history = result.findings.filter((finding) => finding.rule === 'secrets/in-history');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ location: { file: 'config.py', line: 1 }, evidence: 'sk_l… (32 chars)' });
    expect(history[0]!.message).toContain(introduced.slice(0, 12));
    const current = result.findings.filter((finding) => finding.rule === 'secrets/known-format');
    expect(current.map((finding) => finding.location)).toEqual([{ file: 'github.py', line: 1, column: 10 }]);
  });

  it('folds a removed directory of random values into one finding', async () => {
    const data = makeProject({ 'README.md': '# app\n' });
    git(data, 'init', '-q');
    for (let i = 0; i < 30; i++) {
      const value = `${i.toString(36).padStart(2, '0')}Hq7ZkP2mXn4KvB8tYc3PdW6sLr9J`;
      writeFileSync(join(data, `entity${i}.json`), JSON.stringify({ api_token: value }, null, 2));
    }
    git(data, 'add', '-A');
    git(data, 'commit', '-qm', 'data');
    git(data, 'rm', '-q', 'entity*.json');
    git(data, 'commit', '-qm', 'drop the data');
    const result = await runCheck({ root: data, history: true, only: ['secrets'] });
    expect(result.findings.map((finding) => [finding.rule, finding.location])).toEqual([['secrets/in-history', { file: 'entity0.json', line: 2, column: 17 }]]);
    expect(result.findings[0]!.message).toContain('29 more removed values that look like secrets in 30 files of the workspace root');
  });

  it('finds nothing outside a git repository', async () => {
    const plain = makeProject({ 'config.py': "KEY = 'sk_live_p5GRqb1VDMQeXjHBXMOdHbCa'\n" });
    expect((await scanHistory(plain)).secrets).toEqual([]);
  });

  it('streams every blob whole, large ones and small ones across read boundaries', async () => {
    const big = makeProject({ 'README.md': '# app\n' });
    const sizes = [200_000, 3, 70_000, 1, 65_536, 10, 131_071];
    sizes.forEach((size, index) => writeFileSync(join(big, `blob${index}.txt`), 'x'.repeat(size - 1) + String(index % 10)));
    git(big, 'init', '-q');
    git(big, 'add', '-A');
    const shas = sizes.map((_size, index) => git(big, 'hash-object', `blob${index}.txt`));
    const seen: [number, number, string][] = [];
    await streamBlobs(big, [...shas.slice(0, 3), '0'.repeat(40), ...shas.slice(3)], (index, bytes) => {
      seen.push([index, bytes.length, bytes.toString('latin1', bytes.length - 1)]);
    });
    // The missing object (index 3) is skipped but keeps its place.
    expect(seen).toEqual(sizes.map((size, index) => [index < 3 ? index : index + 1, size, String(index % 10)]));
  });
});
