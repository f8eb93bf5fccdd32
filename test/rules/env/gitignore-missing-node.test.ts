/** env/gitignore-missing on Node projects: the env files dotenv, `node --env-file` and Next.js load. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/frameworks.js';
import type { Finding } from '../../../src/engine/types.js';
import { makeProject } from '../../helpers/project.js';

const RULE = 'env/gitignore-missing';

function repository(files: Record<string, string>): string {
  const root = makeProject(files);
  execFileSync('git', ['init', '-q'], { cwd: root });
  return root;
}

async function findings(root: string): Promise<Finding[]> {
  const result = await runCheck({ root, only: [RULE] });
  expect(result.errors).toEqual([]);
  return result.findings;
}

function node(server: string, start = 'node server.js', dependencies: string[] = ['express', 'dotenv'], extra: Record<string, string> = {}): Record<string, string> {
  const packageJson = { name: 'shop', scripts: { start }, dependencies: Object.fromEntries(dependencies.map((name) => [name, '*'])) };
  return { 'package.json': JSON.stringify(packageJson, null, 2), 'server.js': server, '.gitignore': 'node_modules\n', ...extra };
}
const EXPRESS = "const express = require('express');\nconst app = express();\napp.listen(process.env.PORT);\n";

describe('env/gitignore-missing on Node projects', () => {
  it('fires when the server calls dotenv.config() and .gitignore does not ignore .env', async () => {
    const [finding, ...rest] = await findings(repository(node(`require('dotenv').config();\n${EXPRESS}`)));
    expect(rest).toEqual([]);
    expect(finding!.message).toMatch(/^\.gitignore has no entry that ignores \.env, yet server\.js loads it \(dotenv\)/);
    expect(finding!.related).toEqual([{ location: expect.objectContaining({ file: 'server.js', line: 1 }), message: '.env: server.js loads it (dotenv)' }]);
  });

  it("fires for import 'dotenv/config' and for node --env-file", async () => {
    const esm = await findings(repository(node(`import 'dotenv/config';\nimport express from 'express';\nconst app = express();\napp.listen(3000);\n`)));
    expect(esm.map((finding) => finding.message)).toEqual([expect.stringContaining('server.js loads it (dotenv)')]);
    const flag = await findings(repository(node(EXPRESS, 'node --env-file=.env.production server.js', ['express'])));
    expect(flag.map((finding) => finding.message)).toEqual([expect.stringMatching(/ignores \.env\.production, yet package\.json scripts\.start loads it \(node --env-file\)/)]);
  });

  it('fires for a Next.js app, which reads .env itself', async () => {
    const files = node('', 'next start', ['next', 'react'], { 'pages/index.js': 'export default function Home() { return null; }\n' });
    delete files['server.js'];
    expect((await findings(repository(files))).map((finding) => finding.message)).toEqual([expect.stringContaining('(Next.js reads .env at build and start)')]);
  });

  it('is quiet when .gitignore ignores .env, or when nothing loads an env file', async () => {
    expect(await findings(repository(node(`require('dotenv').config();\n${EXPRESS}`, undefined, undefined, { '.gitignore': 'node_modules\n.env\n' })))).toEqual([]);
    expect(await findings(repository(node(EXPRESS, 'node server.js', ['express'])))).toEqual([]);
  });
});
