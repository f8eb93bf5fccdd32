import { baseName } from '../workspace/paths.js';
import { findModule } from '../project/modules.js';
import type { AdminMount, UrlFacts } from '../project/types.js';
import type { Workspace } from '../workspace/types.js';
import { nodeLocation } from './parser.js';
import { parseModule } from './syntax.js';
import type { PyNode as SyntaxNode } from './syntax.js';
import { findDebugToolbarMounts } from './debug-toolbar-urls.js';
import { decodeEscapes, stringPrefix } from './strings.js';
import { importFromModule } from './relative-imports.js';
import type { Settings } from './types.js';
import { confidenceOf } from './value.js';

/**
 * Where the Django admin is mounted, read from the ROOT_URLCONF module by walking its AST.
 *
 * Names are resolved statically: imports (`from django.contrib import admin`, project modules),
 * module-level string constants, `AdminSite` subclasses and their instances, and `settings.X`
 * through the evaluated settings. `include('app.urls')` is followed one module deep; a route that
 * cannot be resolved to a string is not reported. Statements under `if`/`try`/`with` may or may not
 * run: a pattern list they replace is kept as well, and a name they rebind to something unknown
 * keeps its earlier string (a route built from it is then `assumed`, like a setting's default).
 */
export function findUrlFacts(options: {
  workspace: Workspace;
  root: string;
  settings: Settings | undefined;
  /** A top-level package the code names but the repository commits under another folder name (the settings' stand-in). */
  renamed?: { named: string; committed: string };
}): UrlFacts {
  const urlconf = options.settings?.get('ROOT_URLCONF');
  if (urlconf?.kind !== 'str') return { adminMounts: [] };
  const finder = new MountFinder(options.workspace, options.root, options.settings, options.renamed);
  const module = finder.load(urlconf.value);
  if (!module) return { adminMounts: [] };
  const found: AdminMount[] = [];
  finder.collectModule(module, { value: '', assumed: false }, 0, found);
  // A list reached both directly and through a branch that re-wraps it yields the same mount twice.
  const seen = new Set<string>();
  const adminMounts = found.filter((mount) => {
    const key = `${mount.path}\0${mount.location.file}:${mount.location.line}:${mount.location.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const read = options.workspace.readText(module.file);
  return { file: module.file, adminMounts, ...(read.ok ? { debugToolbarMounts: findDebugToolbarMounts(read.text, module.file) } : {}) };
}

/** How far `include('other.urls')` is followed from the root URLconf. */
const MAX_INCLUDE_DEPTH = 1;
/** How many project modules a name lookup may pass through (`from a import b` where a re-exports b). */
const MAX_IMPORT_HOPS = 3;
/** How many pattern expressions one URLconf walk may visit (branches that re-wrap a list multiply them). */
const MAX_PATTERN_VISITS = 20_000;
/** How deeply one expression is followed (nested lists, `a.b.c`, `'a' + 'b'`): no URLconf nests this far, and the JS stack must not overflow. */
const MAX_NESTING = 100;

/** A string the URLconf builds, `assumed` when a part is a setting's default or a value kept past an unknown branch. */
interface Text {
  value: string;
  assumed: boolean;
}

/** The pattern expressions `urlpatterns` held at some point, in order. */
interface Sources {
  nodes: SyntaxNode[];
  module: ParsedModule;
}

type Binding =
  | { kind: 'module'; name: string }
  | { kind: 'admin-site' }
  | { kind: 'admin-site-class' }
  | { kind: 'settings' }
  | { kind: 'string'; value: string; assumed: boolean }
  /** A list of URL patterns assigned to a name, usable in `include(name)`. */
  | { kind: 'patterns'; node: SyntaxNode; module: ParsedModule }
  /** `from module import name`, resolved on use. */
  | { kind: 'imported'; module: string; name: string };

interface ParsedModule {
  name: string;
  file: string;
  /** The package relative imports start from. */
  packageName: string;
  bindings: Map<string, Binding>;
  /** The expressions that make up `urlpatterns`, in order. */
  patternSources: SyntaxNode[];
}

const ADMIN_MODULES = new Set(['django.contrib.admin', 'django.contrib.admin.sites']);
const ROUTE_FUNCTIONS = new Set(['path', 're_path', 'url']);

class MountFinder {
  private readonly modules = new Map<string, ParsedModule | null>();
  /**
   * Pattern lists being walked, so `a = [include(a)]` cannot loop; by module, as modules with the
   * same text share one cached tree.
   */
  private readonly walking = new Map<ParsedModule, Set<SyntaxNode>>();
  /** What a reference to `urlpatterns` inside a reassignment of it stands for: the list before that statement. */
  private readonly earlier = new Map<ParsedModule, Map<SyntaxNode, Sources>>();
  private visits = 0;
  private nesting = 0;

  constructor(
    private readonly workspace: Workspace,
    private readonly root: string,
    private readonly settings: Settings | undefined,
    private readonly renamed?: { named: string; committed: string },
  ) {}

  /** A project module's file, also under the folder its package is committed as. */
  private locate(name: string): ReturnType<typeof findModule> {
    const found = findModule(this.workspace, this.root, name);
    const [top, ...rest] = name.split('.');
    if (found || !this.renamed || top !== this.renamed.named) return found;
    return findModule(this.workspace, this.root, [this.renamed.committed, ...rest].join('.'));
  }

  /** Parse a project module once; undefined when it is not in the project or cannot be read. */
  load(name: string): ParsedModule | undefined {
    if (this.modules.has(name)) return this.modules.get(name) ?? undefined;
    this.modules.set(name, null);
    const location = this.locate(name);
    if (!location) return undefined;
    const read = this.workspace.readText(location.file);
    if (!read.ok) return undefined;
    const isPackage = baseName(location.file) === '__init__.py';
    const module: ParsedModule = {
      name,
      file: location.file,
      packageName: isPackage ? name : name.split('.').slice(0, -1).join('.'),
      bindings: new Map(),
      patternSources: [],
    };
    this.modules.set(name, module);
    // The tree is the evaluator's cached copy when it already parsed this text; no WASM tree stays alive.
    this.readStatements(parseModule(read.text), module);
    return module;
  }

  collectModule(module: ParsedModule, prefix: Text, depth: number, out: AdminMount[]): void {
    for (const source of module.patternSources) this.collectPatterns(source, module, prefix, depth, out);
  }

  /** Run one step of a recursive walk, or give `fallback` when the walk is already MAX_NESTING deep. */
  private nested<T>(fallback: T, step: () => T): T {
    if (this.nesting >= MAX_NESTING) return fallback;
    this.nesting++;
    try {
      return step();
    } finally {
      this.nesting--;
    }
  }

  // ---- module-level statements -------------------------------------------------------------

  private readStatements(block: SyntaxNode, module: ParsedModule, conditional = false): void {
    for (const statement of block.namedChildren) {
      switch (statement.type) {
        case 'import_statement':
          this.readImport(statement, module);
          break;
        case 'import_from_statement':
          this.readFromImport(statement, module);
          break;
        case 'class_definition':
          this.readClass(statement, module);
          break;
        case 'expression_statement':
          for (const expression of statement.namedChildren) this.readExpressionStatement(expression, module, conditional);
          break;
        case 'if_statement':
        case 'try_statement':
        case 'with_statement':
          // Every branch: a mount in any of them is a mount the app may have.
          this.readCompound(statement, module);
          break;
      }
    }
  }

  private readCompound(node: SyntaxNode, module: ParsedModule): void {
    this.nested(undefined, () => {
      for (const child of node.namedChildren) {
        if (child.type === 'block') this.readStatements(child, module, true);
        else if (child.type.endsWith('_clause')) this.readCompound(child, module);
      }
    });
  }

  private readImport(statement: SyntaxNode, module: ParsedModule): void {
    for (const name of statement.childrenForFieldName('name')) {
      if (name.type === 'aliased_import') {
        const dotted = name.childForFieldName('name')?.text;
        const alias = name.childForFieldName('alias')?.text;
        if (dotted && alias) module.bindings.set(alias, { kind: 'module', name: dotted });
      } else if (name.type === 'dotted_name') {
        const top = name.text.split('.')[0]!;
        module.bindings.set(top, { kind: 'module', name: top });
      }
    }
  }

  private readFromImport(statement: SyntaxNode, module: ParsedModule): void {
    const source = statement.childForFieldName('module_name');
    if (!source) return;
    const from = importFromModule(source, module.packageName);
    if (from === undefined) return;
    for (const name of statement.childrenForFieldName('name')) {
      const imported = name.type === 'aliased_import' ? name.childForFieldName('name')?.text : name.text;
      const alias = name.type === 'aliased_import' ? name.childForFieldName('alias')?.text : name.text;
      if (imported && alias) module.bindings.set(alias, { kind: 'imported', module: from, name: imported });
    }
  }

  private readClass(statement: SyntaxNode, module: ParsedModule): void {
    const name = statement.childForFieldName('name')?.text;
    const bases = statement.childForFieldName('superclasses');
    if (!name || !bases) return;
    const isAdminSite = bases.namedChildren.some((base) => base.type !== 'keyword_argument' && this.resolve(base, module, 0)?.kind === 'admin-site-class');
    if (isAdminSite) module.bindings.set(name, { kind: 'admin-site-class' });
    else module.bindings.delete(name);
  }

  private readExpressionStatement(expression: SyntaxNode, module: ParsedModule, conditional: boolean): void {
    if (expression.type === 'assignment') {
      const left = expression.childForFieldName('left');
      const right = expression.childForFieldName('right');
      if (left?.type !== 'identifier' || !right) return;
      if (left.text === 'urlpatterns') {
        this.assignUrlpatterns(right, module, conditional);
        return;
      }
      const value = this.bindingOf(right, module);
      const before = module.bindings.get(left.text);
      if (value) module.bindings.set(left.text, value);
      // A branch that may not run leaves the earlier string as the value when it does not.
      else if (conditional && before?.kind === 'string') module.bindings.set(left.text, { ...before, assumed: true });
      else module.bindings.delete(left.text);
    } else if (expression.type === 'augmented_assignment') {
      const left = expression.childForFieldName('left');
      const right = expression.childForFieldName('right');
      if (left?.text === 'urlpatterns' && right && expression.childForFieldName('operator')?.text === '+=') {
        module.patternSources.push(right);
      }
    } else if (expression.type === 'call') {
      const callee = expression.childForFieldName('function');
      if (callee?.type !== 'attribute' || callee.childForFieldName('object')?.text !== 'urlpatterns') return;
      const method = callee.childForFieldName('attribute')?.text;
      const args = positionalArguments(expression);
      if (method === 'append' || method === 'extend') {
        if (args[0]) module.patternSources.push(args[0]);
      } else if (method === 'insert') {
        if (args[1]) module.patternSources.push(args[1]);
      }
    }
  }

  /**
   * `urlpatterns = [...]` replaces the list; a reference to `urlpatterns` on the right
   * (`urlpatterns + [...]`, `[..., *urlpatterns]`, `include(urlpatterns)`) stands for the list so far.
   * In a branch that may not run, the list so far stays as well.
   */
  private assignUrlpatterns(right: SyntaxNode, module: ParsedModule, conditional: boolean): void {
    const sources: Sources = { nodes: module.patternSources, module };
    const references = this.earlier.get(module) ?? new Map<SyntaxNode, Sources>();
    this.earlier.set(module, references);
    for (const reference of urlpatternsReferences(right)) references.set(reference, sources);
    module.patternSources = conditional ? [...sources.nodes, right] : [right];
  }

  /** What an assigned expression binds a name to, when it is something this module cares about. */
  private bindingOf(node: SyntaxNode, module: ParsedModule): Binding | undefined {
    const inner = unwrap(node);
    if (inner.type === 'list' || inner.type === 'tuple') return { kind: 'patterns', node: inner, module };
    if (inner.type === 'call') {
      const callee = inner.childForFieldName('function');
      if (callee && this.resolve(callee, module, 0)?.kind === 'admin-site-class') return { kind: 'admin-site' };
      return undefined;
    }
    const text = this.stringOf(inner, module);
    if (text !== undefined) return { kind: 'string', ...text };
    return this.resolve(inner, module, 0);
  }

  // ---- name resolution ---------------------------------------------------------------------

  /** Resolve an identifier or attribute chain to what it names. */
  private resolve(node: SyntaxNode | null, module: ParsedModule, hops: number): Binding | undefined {
    return node ? this.nested(undefined, () => this.resolveNode(node, module, hops)) : undefined;
  }

  private resolveNode(node: SyntaxNode, module: ParsedModule, hops: number): Binding | undefined {
    const inner = unwrap(node);
    if (inner.type === 'identifier') {
      const binding = module.bindings.get(inner.text);
      return binding?.kind === 'imported' ? this.member(binding.module, binding.name, hops) : binding;
    }
    if (inner.type === 'attribute') {
      const owner = this.resolve(inner.childForFieldName('object'), module, hops);
      const name = inner.childForFieldName('attribute')?.text;
      if (!owner || !name) return undefined;
      if (owner.kind === 'module') return this.member(owner.name, name, hops);
      if (owner.kind === 'settings') {
        const value = this.settings?.get(name);
        if (value?.kind === 'str') return { kind: 'string', value: value.value, assumed: confidenceOf(value) === 'default' };
        // Production sets the variable, value not known here: what the code falls back to is what runs if it is
        // forgotten (judged with confidence default, like DEBUG's or SECRET_KEY's fallback).
        const fallback = value?.kind === 'unknown' ? value.ifUnset?.value : undefined;
        return fallback?.kind === 'str' ? { kind: 'string', value: fallback.value, assumed: true } : undefined;
      }
    }
    return undefined;
  }

  /** `module.name`: Django's own admin and settings, a submodule, or a name defined in a project module. */
  private member(moduleName: string, name: string, hops: number): Binding | undefined {
    if (ADMIN_MODULES.has(moduleName)) {
      if (name === 'site') return { kind: 'admin-site' };
      if (name === 'AdminSite') return { kind: 'admin-site-class' };
      if (name === 'sites') return { kind: 'module', name: 'django.contrib.admin.sites' };
      return undefined;
    }
    if (moduleName === 'django.conf' && name === 'settings') return { kind: 'settings' };
    const submodule = `${moduleName}.${name}`;
    if (moduleName === 'django' || moduleName.startsWith('django.') || this.locate(submodule)) return { kind: 'module', name: submodule };
    if (hops >= MAX_IMPORT_HOPS) return undefined;
    const defining = this.load(moduleName);
    const binding = defining?.bindings.get(name);
    if (!defining || !binding) return undefined;
    return binding.kind === 'imported' ? this.member(binding.module, binding.name, hops + 1) : binding;
  }

  /** A string expression's value: literals, f-strings and `+` over known parts, names bound to strings. */
  private stringOf(node: SyntaxNode | null, module: ParsedModule): Text | undefined {
    return node ? this.nested(undefined, () => this.stringOfNode(node, module)) : undefined;
  }

  private stringOfNode(node: SyntaxNode, module: ParsedModule): Text | undefined {
    const inner = unwrap(node);
    switch (inner.type) {
      case 'string':
        return this.stringLiteral(inner, module);
      case 'concatenated_string':
        return joinTexts(inner.namedChildren.map((part) => (part.type === 'string' ? this.stringLiteral(part, module) : undefined)));
      case 'binary_operator': {
        if (inner.childForFieldName('operator')?.text !== '+') return undefined;
        return joinTexts([this.stringOf(inner.childForFieldName('left'), module), this.stringOf(inner.childForFieldName('right'), module)]);
      }
      case 'identifier':
      case 'attribute': {
        const binding = this.resolve(inner, module, 0);
        return binding?.kind === 'string' ? { value: binding.value, assumed: binding.assumed } : undefined;
      }
      default:
        return undefined;
    }
  }

  private stringLiteral(node: SyntaxNode, module: ParsedModule): Text | undefined {
    const flags = stringPrefix(node);
    if (flags.includes('b')) return undefined;
    const raw = flags.includes('r');
    const parts: (Text | undefined)[] = [];
    for (const part of node.namedChildren) {
      if (part.type === 'string_content') {
        const value = raw ? part.text : decodeEscapes(part.text);
        parts.push(value === undefined ? undefined : { value, assumed: false });
      } else if (part.type === 'interpolation') {
        if (part.childForFieldName('type_conversion') || part.childForFieldName('format_specifier')) return undefined;
        parts.push(this.stringOf(part.childForFieldName('expression'), module));
      } else if (part.type === 'escape_interpolation') {
        parts.push({ value: part.text.slice(0, 1), assumed: false });
      }
    }
    return joinTexts(parts);
  }

  // ---- URL patterns ------------------------------------------------------------------------

  private collectPatterns(node: SyntaxNode, module: ParsedModule, prefix: Text, depth: number, out: AdminMount[]): void {
    if (++this.visits > MAX_PATTERN_VISITS) return;
    this.nested(undefined, () => this.collectPatternsOf(node, module, prefix, depth, out));
  }

  private collectPatternsOf(node: SyntaxNode, module: ParsedModule, prefix: Text, depth: number, out: AdminMount[]): void {
    const inner = unwrap(node);
    switch (inner.type) {
      case 'list':
      case 'tuple':
        for (const item of inner.namedChildren) this.collectPatterns(item, module, prefix, depth, out);
        return;
      case 'list_splat':
        for (const item of inner.namedChildren) this.collectPatterns(item, module, prefix, depth, out);
        return;
      case 'binary_operator':
        for (const operand of plusOperands(inner)) this.collectPatterns(operand, module, prefix, depth, out);
        return;
      case 'identifier': {
        const earlier = this.earlier.get(module)?.get(inner);
        if (earlier) {
          for (const source of earlier.nodes) this.collectPatterns(source, earlier.module, prefix, depth, out);
          return;
        }
        const binding = module.bindings.get(inner.text);
        if (binding?.kind === 'patterns') this.collectPatternList(binding.node, binding.module, prefix, depth, out);
        return;
      }
      case 'call':
        this.collectCall(inner, module, prefix, depth, out);
        return;
    }
  }

  private collectPatternList(node: SyntaxNode, module: ParsedModule, prefix: Text, depth: number, out: AdminMount[]): void {
    const walking = this.walking.get(module) ?? new Set<SyntaxNode>();
    this.walking.set(module, walking);
    if (walking.has(node)) return;
    walking.add(node);
    this.collectPatterns(node, module, prefix, depth, out);
    walking.delete(node);
  }

  private collectCall(call: SyntaxNode, module: ParsedModule, prefix: Text, depth: number, out: AdminMount[]): void {
    const name = calleeName(call);
    if (name === 'i18n_patterns') {
      // The language prefix is predictable (`en/`), so the admin's own route is what matters.
      for (const arg of positionalArguments(call)) this.collectPatterns(arg, module, prefix, depth, out);
      return;
    }
    if (!name || !ROUTE_FUNCTIONS.has(name)) return;
    const args = positionalArguments(call);
    const routeNode = args[0] ?? keywordArgument(call, 'route') ?? keywordArgument(call, 'regex');
    const viewNode = args[1] ?? keywordArgument(call, 'view');
    const route = this.stringOf(routeNode ?? null, module);
    if (route === undefined || !viewNode) return;
    const mountPath = { value: prefix.value + normaliseRoute(route.value), assumed: prefix.assumed || route.assumed };
    const target = this.viewTarget(viewNode, module);
    if (target.kind === 'admin') {
      out.push({ path: mountPath.value, location: nodeLocation(call, module.file), ...(mountPath.assumed ? { confidence: 'default' as const } : {}) });
    } else if (target.kind === 'sources') {
      for (const source of target.sources.nodes) this.collectPatterns(source, target.sources.module, mountPath, depth, out);
    } else if (target.kind === 'patterns') {
      this.collectPatternList(target.node, target.module, mountPath, depth, out);
    } else if (target.kind === 'module' && depth < MAX_INCLUDE_DEPTH) {
      const included = this.load(target.name);
      if (included) this.collectModule(included, mountPath, depth + 1, out);
    }
  }

  /** What the view argument of a route mounts: the admin, an inline pattern list, or a URLconf module. */
  private viewTarget(
    node: SyntaxNode,
    module: ParsedModule,
  ):
    | { kind: 'admin' }
    | { kind: 'patterns'; node: SyntaxNode; module: ParsedModule }
    | { kind: 'sources'; sources: Sources }
    | { kind: 'module'; name: string }
    | { kind: 'none' } {
    const inner = unwrap(node);
    if (this.isAdminUrls(inner, module)) return { kind: 'admin' };
    if (inner.type !== 'call' || calleeName(inner) !== 'include') return { kind: 'none' };
    let arg = positionalArguments(inner)[0] ?? keywordArgument(inner, 'arg');
    if (!arg) return { kind: 'none' };
    arg = unwrap(arg);
    if (this.isAdminUrls(arg, module)) return { kind: 'admin' };
    // include(('app.urls', 'app_name')) and include((patterns, 'app_name'))
    if (arg.type === 'tuple') arg = arg.namedChildren[0] ? unwrap(arg.namedChildren[0]) : arg;
    if (arg.type === 'list') return { kind: 'patterns', node: arg, module };
    const earlier = this.earlier.get(module)?.get(arg);
    if (earlier) return { kind: 'sources', sources: earlier };
    const moduleName = this.stringOf(arg, module);
    if (moduleName !== undefined) return { kind: 'module', name: moduleName.value };
    const binding = this.resolve(arg, module, 0);
    if (binding?.kind === 'module') return { kind: 'module', name: binding.name };
    if (binding?.kind === 'patterns') return { kind: 'patterns', node: binding.node, module: binding.module };
    return { kind: 'none' };
  }

  /** `<admin site>.urls`, for `admin.site` or any instance of an AdminSite subclass. */
  private isAdminUrls(node: SyntaxNode, module: ParsedModule): boolean {
    if (node.type !== 'attribute' || node.childForFieldName('attribute')?.text !== 'urls') return false;
    return this.resolve(node.childForFieldName('object'), module, 0)?.kind === 'admin-site';
  }
}

// ---- small AST helpers -----------------------------------------------------------------------

/** The concatenation of known parts (undefined when one is unknown), assumed when any part is. */
function joinTexts(parts: readonly (Text | undefined)[]): Text | undefined {
  let value = '';
  let assumed = false;
  for (const part of parts) {
    if (part === undefined) return undefined;
    value += part.value;
    assumed ||= part.assumed;
  }
  return { value, assumed };
}

/** The `urlpatterns` names an expression reads (its nested calls, lists and splats included), walked iteratively. */
function urlpatternsReferences(node: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const stack = [node];
  for (let steps = 0; stack.length && steps < 10_000; steps++) {
    const current = stack.pop()!;
    if (current.type === 'identifier' && current.text === 'urlpatterns') found.push(current);
    else if (current.type === 'attribute') {
      // `x.urlpatterns` is another object's attribute: only the object can be the name.
      const object = current.childForFieldName('object');
      if (object) stack.push(object);
    } else if (current.type === 'keyword_argument') {
      const value = current.childForFieldName('value');
      if (value) stack.push(value);
      // Not inside a lambda or comprehension, whose names are their own.
    } else if (current.type !== 'lambda' && !current.type.endsWith('_comprehension')) stack.push(...current.namedChildren);
  }
  return found;
}

function unwrap(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.namedChildren[0]) current = current.namedChildren[0];
  return current;
}

/** The operands of a chain of `+` (a single operand when the node is not a `+`), in order, walked iteratively. */
function plusOperands(node: SyntaxNode): SyntaxNode[] {
  const operands: SyntaxNode[] = [];
  const stack = [node];
  while (stack.length) {
    const inner = unwrap(stack.pop()!);
    if (inner.type !== 'binary_operator' || inner.childForFieldName('operator')?.text !== '+') {
      operands.push(inner);
      continue;
    }
    const left = inner.childForFieldName('left');
    const right = inner.childForFieldName('right');
    // Right first, so the left operand is taken next.
    if (right) stack.push(right);
    if (left) stack.push(left);
  }
  return operands;
}

/** The last name of the called expression: `path`, `include`, `i18n_patterns` (also `urls.path`). */
function calleeName(call: SyntaxNode): string | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier') return callee.text;
  if (callee?.type === 'attribute') return callee.childForFieldName('attribute')?.text;
  return undefined;
}

function positionalArguments(call: SyntaxNode): SyntaxNode[] {
  const args = call.childForFieldName('arguments');
  if (args?.type !== 'argument_list') return [];
  return args.namedChildren.filter((arg) => arg.type !== 'keyword_argument' && arg.type !== 'comment' && arg.type !== 'dictionary_splat');
}

function keywordArgument(call: SyntaxNode, name: string): SyntaxNode | undefined {
  const args = call.childForFieldName('arguments');
  for (const arg of args?.namedChildren ?? []) {
    if (arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name) return arg.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

/** `^admin/$` → `admin/`: the regex anchors of `re_path`/`url` say nothing about the prefix. */
function normaliseRoute(route: string): string {
  return route.replace(/^\^/, '').replace(/\$$/, '');
}

