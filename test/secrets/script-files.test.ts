/** JS/TS source: credentials in a known format count (a connection URL as a process.env fallback); names alone do not. */
import { describe, expect, it } from 'vitest';
import { secretFileKind } from '../../src/secrets/files.js';
import { scanText } from '../../src/secrets/scanner.js';
import { runCheck } from '../../src/frameworks.js';
import { makeProject } from '../helpers/project.js';

const FALLBACK = "mongoose.connect(process.env.MONGODB_URI || `mongodb+srv://shopper:Kw7pLq2vXz9@cluster0.abcde.mongodb.net/shop`);\n";

describe('JS and TS source files', () => {
  it('are read as scripts, build output, bundles and type declarations aside', () => {
    for (const file of ['server.js', 'src/db.ts', 'config/index.mjs', 'lib/app.cjs', 'pages/index.tsx']) expect(secretFileKind(file), file).toBe('script');
    for (const file of ['dist/server.js', '.next/server/app.js', 'build/main.js', 'types/env.d.ts', 'public/app.min.js']) expect(secretFileKind(file), file).toBeUndefined();
  });

  it('report a connection URL with its password written as the fallback of an env variable', () => {
    const [hit, ...rest] = scanText(FALLBACK, 'server.js');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ detector: 'url-password', tier: 'known', secret: 'Kw7pLq2vXz9', location: { file: 'server.js', line: 1 } });
  });

  it('report nothing for a URL without a password, a name-based assignment, or minified code', () => {
    expect(scanText("mongoose.connect(process.env.MONGODB_URI || 'mongodb://localhost:27017/shop');\n", 'server.js')).toEqual([]);
    expect(scanText("const password = 'Kw7pLq2vXz9#';\n", 'server.js')).toEqual([]);
    expect(scanText(`${'var a=1;'.repeat(1000)}\n${FALLBACK}`, 'server.js')).toEqual([]);
  });
});

describe('a word-like password the repository also uses in a connection URL', () => {
  const run = async (files: Record<string, string>) => (await runCheck({ root: makeProject(files), only: ['secrets/known-format', 'secrets/high-entropy'] })).findings;

  it('is another place of the URL password leak (related), not a finding of its own', async () => {
    const findings = await run({ 'server.js': FALLBACK.replace('Kw7pLq2vXz9', 'popcornmovies'), 'nodemon.json': '{\n  "env": {\n    "mongoPassword": "popcornmovies"\n  }\n}\n' });
    expect(findings.map((finding) => `${finding.rule} ${'file' in finding.location ? finding.location.file : ''}`)).toEqual(['secrets/known-format server.js']);
    expect(findings[0]!.related).toContainEqual(expect.objectContaining({ location: expect.objectContaining({ file: 'nodemon.json', line: 3 }) }));
  });

  it('stays a stand-in when no credential of the repository confirms it', async () => {
    expect(await run({ 'nodemon.json': '{\n  "env": {\n    "mongoPassword": "popcornmovies"\n  }\n}\n' })).toEqual([]);
    const other = await run({ 'server.js': FALLBACK, 'nodemon.json': '{\n  "env": {\n    "mongoPassword": "popcornmovies"\n  }\n}\n' });
    expect(other.flatMap((finding) => finding.related.map((related) => ('file' in related.location ? related.location.file : '')))).not.toContain('nodemon.json');
  });
});
