import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * A validator for the official SARIF 2.1.0 schema (test/fixtures-data/sarif). The OASIS file
 * (errata01) is draft-04, which Ajv 8 does not read; its only draft-04 syntax is the top-level
 * `id` and `$schema`, so naming them the draft-07 way keeps every constraint.
 */
export function loadSchemaValidator() {
  const path = new URL('../fixtures-data/sarif/sarif-schema-2.1.0.json', import.meta.url);
  const schema = JSON.parse(readFileSync(path, 'utf8')) as { id: string; $schema: string } & Record<string, unknown>;
  const { id, $schema: _draft04, ...rest } = schema;
  const ajv = new AjvModule.default({ allErrors: true, strict: false });
  addFormatsModule.default(ajv);
  return ajv.compile({ ...rest, $id: id });
}
