import type { FileLocation } from '../engine/types.js';
import { parseModule } from '../python/syntax.js';
import type { PyNode } from '../python/syntax.js';

/** A literal an entry point (manage.py, wsgi.py, asgi.py) gives an environment variable. */
export interface EntryPointDefault {
  value: string;
  location: FileLocation;
  /** `os.environ[NAME] = value` overrides the environment; `setdefault` does not. */
  forced: boolean;
}

const ENVIRON = new Set(['os.environ', 'environ']);

/** The value of a plain string literal (no f-string interpolation), else undefined. */
function stringLiteral(node: PyNode | null | undefined): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  let value = '';
  for (const child of node.namedChildren) {
    if (child.type === 'interpolation') return undefined;
    if (child.type === 'string_content') value += child.text;
  }
  return value;
}

function locationOf(file: string, node: PyNode): FileLocation {
  return { file, line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
}

/**
 * The literal defaults an entry point sets for environment variables, found in the syntax tree:
 * `os.environ.setdefault('NAME', 'value')` and `os.environ['NAME'] = 'value'`. The last one of
 * each name wins. Requires `initPythonParser()` to have been awaited.
 */
export function entryPointDefaults(file: string, source: string): Map<string, EntryPointDefault> {
  const found = new Map<string, EntryPointDefault>();
  const root = parseModule(source);
  for (const call of root.descendantsOfType('call')) {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'attribute') continue;
    const object = callee.childForFieldName('object');
    if (callee.childForFieldName('attribute')?.text !== 'setdefault' || !object || !ENVIRON.has(object.text)) continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((arg) => arg.type !== 'comment');
    const name = stringLiteral(args[0]);
    const value = stringLiteral(args[1]);
    if (args.length === 2 && name !== undefined && value !== undefined) {
      const existing = found.get(name);
      if (!existing?.forced) found.set(name, { value, location: locationOf(file, args[1]!), forced: false });
    }
  }
  for (const assignment of root.descendantsOfType('assignment')) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'subscript' || !right) continue;
    const object = left.childForFieldName('value');
    const name = stringLiteral(left.childForFieldName('subscript'));
    const value = stringLiteral(right);
    if (object && ENVIRON.has(object.text) && name !== undefined && value !== undefined) {
      found.set(name, { value, location: locationOf(file, right), forced: true });
    }
  }
  return found;
}
