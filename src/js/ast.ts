/**
 * Reading babel AST nodes as plain data (no @babel/types runtime): for the helpers in src/node that look
 * inside a function the evaluator handed them (an error handler, an origin callback, a route handler).
 */

/** The parts of a babel node these walks read. */
export interface AstNode {
  type: string;
  loc?: { start: { line: number; column: number } } | null;
  [key: string]: unknown;
}

export function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

const NOT_CHILDREN = new Set(['loc', 'leadingComments', 'trailingComments', 'innerComments', 'extra']);

/** A node's child nodes (in source order); the caller's walk bounds how many it visits. */
export function children(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (NOT_CHILDREN.has(key)) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) {
      out.push(value);
    }
  }
  return out;
}

/** The property a member expression reads when written in the code: `a.b` and `a['b']` → 'b'. */
export function propertyName(member: AstNode): string | undefined {
  const property = member.property;
  if (!isNode(property)) return undefined;
  if (!member.computed && property.type === 'Identifier') return property.name as string;
  if (property.type === 'StringLiteral') return property.value as string;
  return undefined;
}

export function identifierName(node: unknown): string | undefined {
  return isNode(node) && node.type === 'Identifier' ? String(node.name) : undefined;
}
