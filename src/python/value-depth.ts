import type { PyValue } from './value.js';

/**
 * How deeply a bound value may nest (lists in lists, dicts in dicts). Real settings nest a few levels
 * (LOGGING, CACHES); code that wraps a value in itself in a loop (`X = [X]`) could nest it thousands of
 * levels, and every reader of values (repr, equality, env reads) walks them recursively.
 */
export const MAX_VALUE_DEPTH = 100;

/** Values are never mutated, so a value's depth is computed once. */
const depths = new WeakMap<PyValue, number>();

/** The values inside a value (an object's attributes are its own namespace, not nesting). */
function childrenOf(value: PyValue): PyValue[] {
  const children: PyValue[] = [];
  if (value.kind === 'list' || value.kind === 'tuple' || value.kind === 'set') children.push(...value.items);
  else if (value.kind === 'dict') for (const entry of value.entries) children.push(entry.key, entry.value);
  else if (value.kind === 'unknown' && value.certainItems) children.push(...value.certainItems);
  if (value.ifUnset) children.push(value.ifUnset.value);
  if (value.ifOff) children.push(value.ifOff.value, ...(value.ifOff.whenEmpty ? [value.ifOff.whenEmpty] : []));
  return children;
}

/**
 * The nesting depth of a value (1 for a scalar), counted without recursion; stops counting past
 * MAX_VALUE_DEPTH + 1, which is all a caller needs to know.
 */
export function valueDepth(value: PyValue): number {
  const known = depths.get(value);
  if (known !== undefined) return known;
  // Post-order over the values not measured yet: a value is measured once its children are.
  const tooDeep = MAX_VALUE_DEPTH + 1;
  // `level`: 1 for `value`, one more per step down; `children` is set once the entry is expanded.
  const stack: { value: PyValue; level: number; children?: PyValue[] }[] = [{ value, level: 1 }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (depths.has(top.value)) {
      stack.pop();
      continue;
    }
    if (!top.children) {
      top.children = childrenOf(top.value);
      if (top.children.length && top.level > MAX_VALUE_DEPTH) {
        // Its expanded ancestors are all too deep; it and the values not reached yet are not measured.
        for (const entry of stack) if (entry.children && entry !== top) depths.set(entry.value, tooDeep);
        break;
      }
      for (const child of top.children) if (!depths.has(child)) stack.push({ value: child, level: top.level + 1 });
      continue;
    }
    let deepest = 0;
    for (const child of top.children) deepest = Math.max(deepest, depths.get(child)!);
    depths.set(top.value, Math.min(deepest + 1, tooDeep));
    stack.pop();
  }
  return depths.get(value) ?? tooDeep;
}
