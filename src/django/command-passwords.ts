/**
 * Literal passwords in the custom `manage.py` commands production runs: a release step
 * `python manage.py prepdb` whose `<app>/management/commands/prepdb.py` calls
 * `create_superuser('admin', …, '123')`, directly or through `call_command('create_admin')`.
 */
import type { FileLocation } from '../core/location.js';
import { productionCommands } from '../deploy/production-commands.js';
import { parseManageCommands } from '../deploy/server-command.js';
import type { DeployCommand } from '../deploy/types.js';
import type { DjangoProject } from '../project/types.js';
import { nodeLocation } from '../python/parser.js';
import { plainStringValue } from '../python/strings.js';
import type { PyNode } from '../python/syntax.js';
import { parseModule } from '../python/syntax.js';
import type { Workspace } from '../workspace/types.js';
import { isLiteralPassword, type LiteralPassword } from './superuser-password.js';

/** How many `call_command` hops are followed from the command production runs, and how many files are read. */
const MAX_DEPTH = 3;
const MAX_FILES = 20;
/** Installed packages and virtualenvs hold other projects' commands, not this one's. */
const VENDORED = /(?:^|\/)(?:site-packages|dist-packages|node_modules|\.?venv|env)\//;

/** Calls that set an account's password, and which argument carries it (position, keyword). */
const PASSWORD_CALLS: Record<string, { position: number; keyword: string }> = {
  // UserManager.create_superuser(username, email=None, password=None, **extra_fields)
  create_superuser: { position: 2, keyword: 'password' },
  set_password: { position: 0, keyword: 'raw_password' },
};

/** The `management/commands/<name>.py` file Django would run for `manage.py <name>`, when the project defines it. */
export function commandFile(workspace: Workspace, project: DjangoProject, name: string): string | undefined {
  if (!/^\w+$/.test(name)) return undefined;
  const prefix = project.root ? `${project.root}/` : '';
  const suffix = `/management/commands/${name}.py`;
  const candidates = workspace.files.filter((path) => path.startsWith(prefix) && path.endsWith(suffix) && !VENDORED.test(path));
  if (candidates.length <= 1) return candidates[0];
  // Several apps define it: Django runs the one of the app listed first in INSTALLED_APPS.
  const modules = installedApps(project);
  const order = (path: string): number => {
    const app = path.slice(prefix.length, path.length - suffix.length).replace(/\//g, '.');
    const index = modules.findIndex((entry) => entry === app || entry.startsWith(`${app}.apps.`));
    return index < 0 ? Number.POSITIVE_INFINITY : index;
  };
  const ranked = candidates.map((path) => ({ path, rank: order(path) })).sort((a, b) => a.rank - b.rank);
  return ranked[0]!.rank === Number.POSITIVE_INFINITY ? undefined : ranked[0]!.path;
}

function installedApps(project: DjangoProject): string[] {
  const apps = project.settings?.values.get('INSTALLED_APPS');
  if (!apps || (apps.kind !== 'list' && apps.kind !== 'tuple')) return [];
  return apps.items.flatMap((item) => (item.kind === 'str' ? [item.value] : []));
}

/**
 * A name's value in a function (or module) body when every binding of it there is the same string
 * literal; a parameter, a loop target or any other binding makes it undecided.
 */
function boundLiteral(scope: PyNode, name: string): string | undefined {
  const parameters = scope.childForFieldName('parameters');
  if (parameters?.descendantsOfType('identifier').some((node) => node.text === name)) return undefined;
  let value: string | undefined;
  for (const type of ['assignment', 'augmented_assignment', 'for_statement', 'with_item', 'named_expression']) {
    for (const binding of scope.descendantsOfType(type)) {
      const target = binding.childForFieldName(type === 'named_expression' ? 'name' : 'left') ?? binding.childForFieldName('value');
      const names = target?.type === 'identifier' ? [target] : (target?.descendantsOfType('identifier') ?? []);
      if (!names.some((node) => node.text === name)) continue;
      const right = type === 'assignment' && target?.type === 'identifier' ? binding.childForFieldName('right') : null;
      const literal = right ? plainStringValue(right) : undefined;
      if (literal === undefined || (value !== undefined && value !== literal)) return undefined;
      value = literal;
    }
  }
  return value;
}

/** An argument's literal value: a string literal, or a name bound to one in the enclosing scope. */
function argumentLiteral(node: PyNode, scope: PyNode): string | undefined {
  if (node.type === 'identifier') return boundLiteral(scope, node.text);
  return plainStringValue(node);
}

/** The argument at a position or keyword of a call. */
function argument(call: PyNode, position: number, keyword: string): PyNode | undefined {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((child) => child.type !== 'comment') ?? [];
  const named = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === keyword);
  if (named) return named.childForFieldName('value') ?? undefined;
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  // A `*args` or `**kwargs` before the position hides which argument lands there.
  if (positional.slice(0, position + 1).some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return undefined;
  return positional[position];
}

function calledName(call: PyNode): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return fn.text;
  if (fn?.type === 'attribute') return fn.childForFieldName('attribute')?.text;
  return undefined;
}

/** Each call of a module with its innermost enclosing function (the module for top-level code). */
function callsWithScopes(root: PyNode): { call: PyNode; scope: PyNode }[] {
  const scopeOf = new Map<number, PyNode>();
  for (const call of root.descendantsOfType('call')) scopeOf.set(call.startIndex, root);
  // Outer functions come first in source order, so an inner function overrides its calls' scope.
  for (const fn of root.descendantsOfType('function_definition')) {
    for (const call of fn.descendantsOfType('call')) scopeOf.set(call.startIndex, fn);
  }
  return root.descendantsOfType('call').map((call) => ({ call, scope: scopeOf.get(call.startIndex)! }));
}

interface CommandScan {
  passwords: { call: string; value: string; location: FileLocation }[];
  /** `call_command('name')` calls with literal names. */
  calls: { name: string; location: FileLocation }[];
}

/** `if settings.DEBUG:` (not `if not DEBUG:`): a body production, with DEBUG off, does not run. */
const DEBUG_ONLY = /^(?:settings\.)?DEBUG$/;

/** Whether a call sits in the body of an `if` that runs only with DEBUG on. */
function debugOnly(call: PyNode, scope: PyNode): boolean {
  return scope.descendantsOfType('if_statement').some((statement) => {
    const body = statement.childForFieldName('consequence');
    const condition = statement.childForFieldName('condition')?.text.replace(/\s+/g, '');
    return !!body && !!condition && DEBUG_ONLY.test(condition) && body.startIndex <= call.startIndex && call.endIndex <= body.endIndex;
  });
}

function scanCommand(file: string, text: string): CommandScan {
  const scan: CommandScan = { passwords: [], calls: [] };
  for (const { call, scope } of callsWithScopes(parseModule(text))) {
    if (debugOnly(call, scope)) continue;
    const name = calledName(call);
    if (name === 'call_command') {
      const target = argument(call, 0, 'command_name');
      const literal = target ? argumentLiteral(target, scope) : undefined;
      if (literal) scan.calls.push({ name: literal, location: nodeLocation(call, file) });
      continue;
    }
    const spec = name ? PASSWORD_CALLS[name] : undefined;
    const arg = spec ? argument(call, spec.position, spec.keyword) : undefined;
    const value = arg ? argumentLiteral(arg, scope) : undefined;
    if (isLiteralPassword(value)) scan.passwords.push({ call: `${name}()`, value, location: nodeLocation(call, file) });
  }
  return scan;
}

/**
 * Literal passwords set by the project's own management commands that production runs, each with the
 * deploy command that runs it (and the `call_command` chain) as related locations.
 */
export function managementCommandPasswords(project: DjangoProject, workspace: Workspace): LiteralPassword[] {
  const found: LiteralPassword[] = [];
  const seen = new Set<string>();
  let budget = MAX_FILES;
  const visit = (name: string, command: DeployCommand, chain: { location: FileLocation; message: string }[], depth: number): void => {
    const file = commandFile(workspace, project, name);
    if (!file || seen.has(file) || budget <= 0) return;
    seen.add(file);
    budget--;
    const read = workspace.readText(file);
    if (!read.ok) return;
    const scan = scanCommand(file, read.text);
    for (const hit of scan.passwords) {
      found.push({
        carrier: `${hit.call} in manage.py ${name}`,
        value: hit.value,
        location: hit.location,
        related: chain,
        ...(hit.call === 'set_password()' ? { account: "an account's password" } : {}),
        ...(command.conditional ? { conditional: true } : {}),
      });
    }
    if (depth >= MAX_DEPTH) return;
    for (const next of scan.calls) {
      visit(next.name, command, [...chain, { location: next.location, message: `manage.py ${name} runs manage.py ${next.name}` }], depth + 1);
    }
  };
  for (const command of productionCommands(project.deploy)) {
    for (const manage of parseManageCommands(command.text)) {
      const runs = `${command.process ?? command.kind} runs manage.py ${manage.subcommand}`;
      visit(manage.subcommand, command, [{ location: command.location, message: runs }], 0);
    }
  }
  return found;
}
