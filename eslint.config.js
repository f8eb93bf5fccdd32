// ESLint 9 reads flat config only; the project's rules live in .eslintrc.json (the design card's file)
// and are translated here so there is one source of truth.
import { readFileSync } from 'node:fs';
import { FlatCompat } from '@eslint/eslintrc';
import js from '@eslint/js';

const compat = new FlatCompat({
  baseDirectory: import.meta.dirname,
  recommendedConfig: js.configs.recommended,
  allConfig: js.configs.all,
});
const legacy = JSON.parse(readFileSync(new URL('./.eslintrc.json', import.meta.url), 'utf8'));

export default [
  { ignores: ['dist/', 'node_modules/', 'fixtures/', 'coverage/', 'test/artifacts/'] },
  ...compat.config(legacy),
];
