/** JS/TS source: credentials in a known format count (a connection URL as a process.env fallback); names alone do not. */
import { describe, expect, it } from 'vitest';
import { secretFileKind } from '../../src/secrets/files.js';
import { scanText } from '../../src/secrets/scanner.js';

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
