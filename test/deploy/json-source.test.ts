import { describe, expect, it } from 'vitest';
import { readAppJson } from '../../src/deploy/app-json.js';
import { JsonSource, jsonMember, jsonText, jsonValue } from '../../src/deploy/json-source.js';

/** Inputs at the edges of the JSON grammar, valid and invalid. */
const EDGE_CASES = [
  '{}', '[]', '""', '0', '-0', '1.5e-3', '-12E+2', 'true', 'false', 'null', ' \t\r\n{ } \n',
  '{"a":1,}', '[1,]', '[01]', '1.', '.5', '-', '+1', '0x10', 'tru', 'nul', 'NaN', 'Infinity',
  '{"a" 1}', '{a: 1}', "{'a': 1}", '1 2', '{"a":1}}', '[', '{"a":', '"\\u00"', '"\\x41"', '"\\/"',
  '"tab\there"', '"new\nline"', '"\\ud83d"', '\uFEFF{}', '{"a":1 /* c */}', '{"a":1}\n// c', '[1 2]', '"unterminated',
];

describe('JsonSource', () => {
  it.each(EDGE_CASES)('accepts %j exactly when JSON.parse does', (text) => {
    let valid = true;
    try {
      JSON.parse(text);
    } catch {
      valid = false;
    }
    const source = new JsonSource('x.json', text);
    expect(source.problem === undefined).toBe(valid);
    expect(source.root === undefined).toBe(!valid);
  });

  it('decodes escapes and keeps where each key and value starts', () => {
    const text = '{\n  "a\\u00e9": {"b": [1, "x\\"y", null]},\n  "a\\u00e9": true\n}';
    const source = new JsonSource('x.json', text);
    const last = jsonMember(source.root, 'aé');
    expect(jsonText(last?.value)).toBe('true');
    expect(source.at(last!.keyAt)).toEqual({ file: 'x.json', line: 3, column: 3 });
    const first = source.root?.kind === 'object' ? source.root.members[0]! : undefined;
    const items = jsonValue(first?.value, 'b');
    expect(items?.kind === 'array' ? items.items.map((item) => [jsonText(item), source.at(item.at).column]) : []).toEqual([
      ['1', 21],
      ['x"y', 24],
      [undefined, 32],
    ]);
  });

  it('reports a syntax error where it is', () => {
    const problem = new JsonSource('app.json', '{\n  "env": {\n    "A": 1,\n  }\n}').problem;
    expect(problem?.message).toMatch(/^app\.json: invalid JSON \(unexpected "}"\)$/);
    expect(problem?.location).toEqual({ file: 'app.json', line: 4, column: 3 });
    expect(readAppJson('app.json', '{"env": ').problems.map((p) => p.message)).toEqual(['app.json: invalid JSON (unexpected end of input)']);
  });
});
