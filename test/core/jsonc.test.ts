import { describe, expect, it } from 'vitest';
import { parseJsonc } from '../../src/core/jsonc.js';

describe('parseJsonc', () => {
  it('drops comments and trailing commas outside strings', () => {
    const text = '{\n  // the build\n  "compilerOptions": { "outDir": "./dist", /* src */ "rootDir": "src", },\n  "paths": ["a//b", "c/*d*/", "q\\"//"],\n}\n';
    expect(parseJsonc(text)).toEqual({ compilerOptions: { outDir: './dist', rootDir: 'src' }, paths: ['a//b', 'c/*d*/', 'q"//'] });
  });

  it('gives undefined for text that is not JSON even then', () => {
    expect(parseJsonc('{ outDir: dist }')).toBeUndefined();
    expect(parseJsonc('{ "a": 1 /* unterminated')).toBeUndefined();
  });
});
