import type { DebugToolbarMount } from '../project/types.js';
import { nodeLocation } from './parser.js';
import { parseModule } from './syntax.js';
import type { PyNode } from './syntax.js';

/** `settings.DEBUG`, `DEBUG`, or an `and` that requires one of them. */
function requiresDebug(condition: PyNode | null): boolean {
  if (!condition) return false;
  const inner = condition.type === 'parenthesized_expression' ? condition.namedChildren[0] : condition;
  if (!inner) return false;
  if (inner.type === 'identifier') return inner.text === 'DEBUG';
  if (inner.type === 'attribute') return inner.childForFieldName('attribute')?.text === 'DEBUG';
  if (inner.type === 'boolean_operator' && inner.childForFieldName('operator')?.text === 'and') {
    return requiresDebug(inner.childForFieldName('left')) || requiresDebug(inner.childForFieldName('right'));
  }
  return false;
}

/** `include('debug_toolbar.urls')`, `include(debug_toolbar.urls)` or the newer `debug_toolbar_urls()`. */
function isToolbarMount(call: PyNode): boolean {
  const callee = call.childForFieldName('function')?.text ?? '';
  if (callee === 'debug_toolbar_urls' || callee.endsWith('.debug_toolbar_urls')) return true;
  if (callee !== 'include' && !callee.endsWith('.include')) return false;
  const first = call.childForFieldName('arguments')?.namedChildren[0];
  const text = first?.text.replace(/^['"]|['"]$/g, '');
  return text === 'debug_toolbar.urls';
}

/**
 * The toolbar's mounts in one URLconf module's text. Only this module is read (a mount inside an included
 * app's urls.py is not seen), and only the syntactic DEBUG gates above: `if settings.DEBUG:` blocks (not their
 * `else`) and conditional expressions. Iterative walk; never throws on odd code.
 */
export function findDebugToolbarMounts(text: string, file: string): DebugToolbarMount[] {
  const mounts: DebugToolbarMount[] = [];
  const pending: [PyNode, boolean][] = [[parseModule(text), false]];
  while (pending.length) {
    const [node, gated] = pending.pop()!;
    if (node.type === 'call' && isToolbarMount(node)) {
      mounts.push({ location: nodeLocation(node, file), gatedByDebug: gated });
      continue;
    }
    const gatedChild = (child: PyNode): boolean => {
      if (gated) return true;
      if (node.type === 'if_statement') return child === node.childForFieldName('consequence') && requiresDebug(node.childForFieldName('condition'));
      // `[...] if settings.DEBUG else []`: the first operand is the value when the condition holds.
      if (node.type === 'conditional_expression') return child === node.namedChildren[0] && requiresDebug(node.namedChildren[1] ?? null);
      return false;
    };
    for (let i = node.children.length - 1; i >= 0; i--) pending.push([node.children[i]!, gatedChild(node.children[i]!)]);
  }
  return mounts.sort((a, b) => a.location.line - b.location.line);
}
