import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser } from '../../src/python/parser.js';
import { pyRepr } from '../../src/python/value.js';
import { evaluate } from './helpers.js';

beforeAll(() => initPythonParser());

const x = (code: string, vars: Record<string, string | undefined> = {}) => evaluate({ 'settings.py': `import os\n${code}\n` }, vars).get('X');

describe('what-ifs of an assigned env-dependent value', () => {
  it('ifUnset: a derived expression evaluated again with the defaulted variable unset', () => {
    const value = x("X = os.getenv('DEBUG', 'True').lower() == 'true'", { DEBUG: 'false' });
    expect(pyRepr(value)).toBe('False');
    expect(value.ifUnset && pyRepr(value.ifUnset.value)).toBe('True');
    expect(value.ifUnset?.names).toEqual(['DEBUG']);
  });

  it('ifUnset follows project helper functions', () => {
    const value = x("def flag(name, default):\n    return os.environ.get(name, default).lower() in ('1', 'true')\nX = flag('DEBUG', '1')", { DEBUG: '0' });
    expect(pyRepr(value)).toBe('False');
    expect(value.ifUnset && pyRepr(value.ifUnset.value)).toBe('True');
  });

  it('no ifUnset when the variable is unset already or read without a default', () => {
    expect(x("X = os.getenv('DEBUG', 'True') == 'True'").ifUnset).toBeUndefined();
    expect(x("X = os.environ['DEBUG'] == 'True'", { DEBUG: 'False' }).ifUnset).toBeUndefined();
  });

  it("ifOff: the expression with its set variables set to 'False'", () => {
    expect(pyRepr(x("X = bool(os.environ.get('DEBUG', ''))", { DEBUG: '1' }).ifOff!.value)).toBe('True');
    expect(pyRepr(x("X = os.environ.get('DEBUG', '') == '1'", { DEBUG: '1' }).ifOff!.value)).toBe('False');
  });

  it('what a what-if writes to the environment is forgotten', () => {
    const code = [
      'import os',
      'def on():',
      "    if os.getenv('DEBUG', 'on') == 'on':",
      "        os.environ['LEAK'] = 'yes'",
      "    return os.getenv('DEBUG', 'on') == 'on'",
      'X = on()',
      "Y = os.environ.get('LEAK', 'none')",
    ].join('\n');
    const settings = evaluate({ 'settings.py': `${code}\n` }, { DEBUG: 'off' });
    expect(pyRepr(settings.get('X'))).toBe('False');
    expect(settings.get('X').ifUnset && pyRepr(settings.get('X').ifUnset!.value)).toBe('True');
    expect(pyRepr(settings.get('Y'))).toBe("'none'");
  });

  it('the what-ifs leave the module as evaluated: no names written, later reads see production', () => {
    const settings = evaluate(
      { 'settings.py': "import os\nX = os.environ.setdefault('MODE', os.getenv('DEBUG', 'on'))\nY = os.environ['MODE']\n" },
      { DEBUG: 'off' },
    );
    expect(pyRepr(settings.get('X'))).toBe("'off'");
    expect(pyRepr(settings.get('Y'))).toBe("'off'");
  });
});
