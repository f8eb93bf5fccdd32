/**
 * The effective django-storages configuration of the media (`default`) and static (`staticfiles`)
 * storages, resolved the way `storages.base.BaseStorage.__init__` does it:
 * STORAGES[alias]['OPTIONS'] > class attribute > global AWS_* / GS_* setting > library default.
 */
import type { FileLocation, Location } from '../core/location.js';
import type { Confidence } from '../core/severity.js';
import type { DjangoProject } from '../project/types.js';
import type { Settings } from '../python/types.js';
import type { PyValue } from '../python/value.js';
import type { Workspace } from '../workspace/types.js';
import { confidenceOf, dictGet, pyRepr } from '../python/value.js';
import { nodeLocation } from '../python/parser.js';
import { parseModule } from '../python/syntax.js';
import type { PyNode as SyntaxNode } from '../python/syntax.js';
import { plainStringValue } from '../python/strings.js';
import { importFromModule } from '../python/relative-imports.js';
import { timedeltaOf } from '../python/timedelta.js';
import { joinPath } from '../workspace/paths.js';
import { versionAtLeast } from '../project/version.js';
import { envNotes, settingLocation } from './setting-helpers.js';

export type StorageAlias = 'default' | 'staticfiles';
export type StorageBackend = 's3' | 'gcs' | 'filesystem' | 'other';
/** Which layer gave an option its value. */
export type OptionOrigin = 'options' | 'class' | 'setting' | 'default';

export interface StorageOption {
  value: PyValue;
  origin: OptionOrigin;
  /**
   * What set it, e.g. `STORAGES['default']['OPTIONS']['default_acl']`, `myapp.storage.Media.default_acl`,
   * `AWS_DEFAULT_ACL`; for a library default, the global setting that was left unset.
   */
  source: string;
  /** Absent for library defaults and library class attributes. */
  location?: FileLocation;
}

export interface StorageConfig {
  alias: StorageAlias;
  backend: StorageBackend;
  /** The dotted class path as configured. */
  className: string;
  /** The library class it is or derives from (`storages.backends.s3.S3StaticStorage`, …), when known. */
  libraryClass?: string;
  /** Which setting chose the class; `default` when Django's default applies. */
  via: 'STORAGES' | 'DEFAULT_FILE_STORAGE' | 'STATICFILES_STORAGE' | 'default';
  /** Where the class is chosen (the BACKEND string or the old setting), else the top of the settings module. */
  location: FileLocation;
  /** The effective value of a lowercase option of an S3 or GCS backend; undefined for other backends and options. */
  option(name: string): StorageOption | undefined;
}

const S3_SETTINGS: Record<string, [setting: string, fallback: PyValue]> = {
  querystring_auth: ['AWS_QUERYSTRING_AUTH', { kind: 'bool', value: true }],
  querystring_expire: ['AWS_QUERYSTRING_EXPIRE', { kind: 'int', value: 3600 }],
  default_acl: ['AWS_DEFAULT_ACL', { kind: 'none' }],
  custom_domain: ['AWS_S3_CUSTOM_DOMAIN', { kind: 'none' }],
  object_parameters: ['AWS_S3_OBJECT_PARAMETERS', { kind: 'dict', entries: [] }],
  cloudfront_key_id: ['AWS_CLOUDFRONT_KEY_ID', { kind: 'none' }],
  cloudfront_key: ['AWS_CLOUDFRONT_KEY', { kind: 'none' }],
  signature_version: ['AWS_S3_SIGNATURE_VERSION', { kind: 'none' }],
  bucket_name: ['AWS_STORAGE_BUCKET_NAME', { kind: 'none' }],
  location: ['AWS_LOCATION', { kind: 'str', value: '' }],
  file_overwrite: ['AWS_S3_FILE_OVERWRITE', { kind: 'bool', value: true }],
};

const GCS_SETTINGS: Record<string, [setting: string, fallback: PyValue]> = {
  querystring_auth: ['GS_QUERYSTRING_AUTH', { kind: 'bool', value: true }],
  expiration: ['GS_EXPIRATION', timedeltaOf([], [['days', { kind: 'int', value: 1 }]], {})],
  default_acl: ['GS_DEFAULT_ACL', { kind: 'none' }],
  object_parameters: ['GS_OBJECT_PARAMETERS', { kind: 'dict', entries: [] }],
  credentials: ['GS_CREDENTIALS', { kind: 'none' }],
  iam_sign_blob: ['GS_IAM_SIGN_BLOB', { kind: 'bool', value: false }],
  sa_email: ['GS_SA_EMAIL', { kind: 'none' }],
  custom_endpoint: ['GS_CUSTOM_ENDPOINT', { kind: 'none' }],
  bucket_name: ['GS_BUCKET_NAME', { kind: 'none' }],
  location: ['GS_LOCATION', { kind: 'str', value: '' }],
  file_overwrite: ['GS_FILE_OVERWRITE', { kind: 'bool', value: true }],
};

const S3_STATIC_CLASSES = ['S3StaticStorage', 'S3ManifestStaticStorage'].flatMap((name) => [
  `storages.backends.s3.${name}`,
  `storages.backends.s3boto3.${name}`,
]);

const LIBRARY_CLASSES: Record<string, StorageBackend> = {
  'storages.backends.s3.S3Storage': 's3',
  'storages.backends.s3.S3Boto3Storage': 's3',
  'storages.backends.s3boto3.S3Storage': 's3',
  'storages.backends.s3boto3.S3Boto3Storage': 's3',
  ...Object.fromEntries(S3_STATIC_CLASSES.map((name) => [name, 's3'])),
  'storages.backends.gcloud.GoogleCloudStorage': 'gcs',
  'django.core.files.storage.FileSystemStorage': 'filesystem',
  'django.core.files.storage.filesystem.FileSystemStorage': 'filesystem',
  'django.contrib.staticfiles.storage.StaticFilesStorage': 'filesystem',
  'django.contrib.staticfiles.storage.ManifestStaticFilesStorage': 'filesystem',
  'whitenoise.storage.CompressedStaticFilesStorage': 'filesystem',
  'whitenoise.storage.CompressedManifestStaticFilesStorage': 'filesystem',
};

const DJANGO_DEFAULTS: Record<StorageAlias, string> = {
  default: 'django.core.files.storage.FileSystemStorage',
  staticfiles: 'django.contrib.staticfiles.storage.StaticFilesStorage',
};

/** Whether the class is S3StaticStorage / S3ManifestStaticStorage (URLs never signed). */
export function isS3StaticClass(className: string | undefined): boolean {
  return className !== undefined && S3_STATIC_CLASSES.includes(className);
}

const cache = new WeakMap<DjangoProject, Map<StorageAlias, StorageConfig | undefined>>();

/** The storage an alias uses, or undefined when it cannot be determined (unknown values, no settings). */
export function resolveStorage(project: DjangoProject, workspace: Workspace, alias: StorageAlias): StorageConfig | undefined {
  let perProject = cache.get(project);
  if (!perProject) {
    perProject = new Map();
    cache.set(project, perProject);
  }
  if (!perProject.has(alias)) perProject.set(alias, buildConfig(project, workspace, alias));
  return perProject.get(alias);
}

interface Choice {
  alias: StorageAlias;
  className: string;
  via: StorageConfig['via'];
  location: FileLocation;
  /** STORAGES[alias]['OPTIONS'], when the class comes from STORAGES. */
  options?: PyValue;
}

function chooseClass(project: DjangoProject, settings: Settings, alias: StorageAlias): Choice | undefined {
  const version = project.djangoVersion.version;
  const hasStorages = versionAtLeast(version, '4.2');
  const hasOldSettings = !versionAtLeast(version, '5.1');
  const oldName = alias === 'default' ? 'DEFAULT_FILE_STORAGE' : 'STATICFILES_STORAGE';
  if (hasStorages && settings.has('STORAGES')) {
    const entry = dictGet(settings.get('STORAGES'), alias);
    const backend = entry && dictGet(entry, 'BACKEND');
    if (backend?.kind !== 'str') return undefined;
    const location = backend.loc ?? settingLocation(settings, 'STORAGES');
    return { alias, className: backend.value, via: 'STORAGES', location, options: dictGet(entry!, 'OPTIONS') };
  }
  if (hasOldSettings && settings.has(oldName)) {
    const value = settings.get(oldName);
    if (value.kind !== 'str') return undefined;
    return { alias, className: value.value, via: oldName, location: settingLocation(settings, oldName, value) };
  }
  const location = settingLocation(settings, hasStorages ? 'STORAGES' : oldName);
  return { alias, className: DJANGO_DEFAULTS[alias], via: 'default', location };
}

function buildConfig(project: DjangoProject, workspace: Workspace, alias: StorageAlias): StorageConfig | undefined {
  const settings = project.settings;
  if (!settings) return undefined;
  const choice = chooseClass(project, settings, alias);
  if (!choice) return undefined;
  const info = new ClassResolver(project, workspace, settings).resolve(choice.className, 0);
  const backend: StorageBackend = info.library ? LIBRARY_CLASSES[info.library]! : 'other';
  const table = backend === 's3' ? S3_SETTINGS : backend === 'gcs' ? GCS_SETTINGS : undefined;
  const config: StorageConfig = {
    alias,
    backend,
    className: choice.className,
    via: choice.via,
    location: choice.location,
    option(name) {
      if (!table || !Object.hasOwn(table, name)) return undefined;
      return effectiveOption(name, table[name]!, choice, info, settings);
    },
  };
  if (info.library) config.libraryClass = info.library;
  return config;
}

function effectiveOption(
  name: string,
  [settingName, fallback]: [string, PyValue],
  choice: Choice,
  info: ClassInfo,
  settings: Settings,
): StorageOption {
  if (choice.options) {
    const fromOptions = choice.options.kind === 'unknown' ? choice.options : dictGet(choice.options, name);
    if (fromOptions) {
      const source = `STORAGES['${choice.alias}']['OPTIONS']['${name}']`;
      return { value: fromOptions, origin: 'options', source, location: fromOptions.loc ?? choice.location };
    }
  }
  const attr = info.attrs.get(name);
  if (attr) {
    const option: StorageOption = { value: attr.value, origin: 'class', source: `${attr.owner}.${name}` };
    if (attr.location) option.location = attr.location;
    return option;
  }
  if (settings.has(settingName)) {
    const value = settings.get(settingName);
    return { value, origin: 'setting', source: settingName, location: settingLocation(settings, settingName, value) };
  }
  return { value: fallback, origin: 'default', source: settingName };
}

interface ClassAttr {
  value: PyValue;
  /** The dotted class that defines it. */
  owner: string;
  location?: FileLocation;
}

interface ClassInfo {
  library?: string;
  attrs: Map<string, ClassAttr>;
}

const MAX_CLASS_DEPTH = 6;

/** Follows a project storage class through its bases to a library class, collecting class attributes. */
class ClassResolver {
  constructor(
    private readonly project: DjangoProject,
    private readonly workspace: Workspace,
    private readonly settings: Settings,
  ) {}

  resolve(dotted: string, depth: number): ClassInfo {
    if (Object.hasOwn(LIBRARY_CLASSES, dotted)) {
      const attrs = new Map<string, ClassAttr>();
      if (isS3StaticClass(dotted)) attrs.set('querystring_auth', { value: { kind: 'bool', value: false }, owner: dotted });
      return { library: dotted, attrs };
    }
    const dot = dotted.lastIndexOf('.');
    if (depth >= MAX_CLASS_DEPTH || dot <= 0) return { attrs: new Map() };
    const module = this.loadModule(dotted.slice(0, dot));
    const node = module && findClass(module.root, dotted.slice(dot + 1));
    if (!module || !node) return { attrs: new Map() };

    const bases = (node.childForFieldName('superclasses')?.namedChildren ?? []).filter((base) => base.type !== 'keyword_argument');
    const resolvedBases = bases.flatMap((base) => {
      const name = module.nameOf(base);
      return name ? [this.resolve(name, depth + 1)] : [];
    });
    const attrs = new Map<string, ClassAttr>();
    // Python's MRO, simplified: earlier bases win, the class's own attributes win over all.
    for (const base of [...resolvedBases].reverse()) for (const [key, attr] of base.attrs) attrs.set(key, attr);
    for (const [key, attr] of this.ownAttributes(node, module, dotted)) attrs.set(key, attr);
    const library = resolvedBases.find((base) => base.library)?.library;
    return library ? { library, attrs } : { attrs };
  }

  private ownAttributes(node: SyntaxNode, module: ProjectModule, owner: string): Map<string, ClassAttr> {
    const attrs = new Map<string, ClassAttr>();
    for (const statement of node.childForFieldName('body')?.namedChildren ?? []) {
      const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
      if (assignment?.type !== 'assignment') continue;
      const left = assignment.childForFieldName('left');
      const right = assignment.childForFieldName('right');
      if (left?.type !== 'identifier' || !right) continue;
      const location = nodeLocation(assignment, module.file);
      attrs.set(left.text, { value: this.literal(right, module), owner, location });
    }
    return attrs;
  }

  /** A literal class-attribute value; `settings.NAME` reads the project's setting; anything else is unknown. */
  private literal(node: SyntaxNode, module: ProjectModule): PyValue {
    const loc = nodeLocation(node, module.file);
    const unknown = (reason: string): PyValue => ({ kind: 'unknown', reason, loc });
    switch (node.type) {
      case 'string':
      case 'concatenated_string': {
        const value = plainStringValue(node);
        return value === undefined ? unknown('f-string, bytes or an escape that is not modelled') : { kind: 'str', value, loc };
      }
      case 'integer': {
        const value = Number(node.text.replace(/_/g, ''));
        return Number.isSafeInteger(value) ? { kind: 'int', value, loc } : unknown('integer literal');
      }
      case 'float':
        return { kind: 'float', value: Number(node.text.replace(/_/g, '')), loc };
      case 'true':
      case 'false':
        return { kind: 'bool', value: node.type === 'true', loc };
      case 'none':
        return { kind: 'none', loc };
      case 'parenthesized_expression':
        return node.namedChildren[0] ? this.literal(node.namedChildren[0], module) : unknown('empty parentheses');
      case 'unary_operator':
      case 'binary_operator':
        return arithmetic(node, (child) => this.literal(child, module), loc);
      case 'list':
      case 'tuple':
        return { kind: node.type, items: node.namedChildren.map((item) => this.literal(item, module)), loc };
      case 'dictionary': {
        const entries = node.namedChildren.flatMap((pair) => {
          const key = pair.childForFieldName('key');
          const value = pair.childForFieldName('value');
          return key && value ? [{ key: this.literal(key, module), value: this.literal(value, module) }] : [];
        });
        return entries.length === node.namedChildren.length ? { kind: 'dict', entries, loc } : unknown('dict unpacking');
      }
      case 'attribute': {
        const object = node.childForFieldName('object');
        const attribute = node.childForFieldName('attribute')?.text ?? '';
        if (object && module.nameOf(object) === 'django.conf.settings' && /^[A-Z][A-Z0-9_]*$/.test(attribute)) {
          return this.settings.get(attribute);
        }
        return unknown(`${node.text} is not followed`);
      }
      case 'call':
        return timedeltaCall(node, module, (child) => this.literal(child, module), loc) ?? unknown(`${node.text} is not evaluated`);
      default:
        return unknown(`${node.type} is not evaluated in a class attribute`);
    }
  }

  private readonly modules = new Map<string, ProjectModule | undefined>();

  private loadModule(name: string): ProjectModule | undefined {
    if (!this.modules.has(name)) this.modules.set(name, this.readModule(name));
    return this.modules.get(name);
  }

  private readModule(name: string): ProjectModule | undefined {
    const base = joinPath(this.project.root, name.replace(/\./g, '/'));
    for (const [file, isPackage] of [
      [`${base}.py`, false],
      [`${base}/__init__.py`, true],
    ] as const) {
      const read = this.workspace.readText(file);
      if (!read.ok) continue;
      try {
        // The evaluator's cached tree when it imported this module; plain objects, no WASM tree kept alive.
        return new ProjectModule(name, file, isPackage, parseModule(read.text));
      } catch {
        // The parser is not ready (no settings were evaluated): the class stays unresolved.
        return undefined;
      }
    }
    return undefined;
  }
}

/** A parsed project module with its import table, to turn names in it into dotted paths. */
class ProjectModule {
  private readonly imports = new Map<string, string>();

  constructor(
    readonly name: string,
    readonly file: string,
    isPackage: boolean,
    readonly root: SyntaxNode,
  ) {
    const packageName = isPackage ? name : name.split('.').slice(0, -1).join('.');
    for (const statement of root.namedChildren) {
      if (statement.type === 'import_statement') {
        for (const item of statement.namedChildren) {
          if (item.type === 'dotted_name') this.imports.set(item.text.split('.')[0]!, item.text.split('.')[0]!);
          else if (item.type === 'aliased_import') this.addAlias(item, '');
        }
      } else if (statement.type === 'import_from_statement') {
        const source = statement.childForFieldName('module_name');
        const from = source ? importFromModule(source, packageName) : undefined;
        if (from === undefined) continue;
        for (const item of statement.childrenForFieldName('name')) {
          if (item.type === 'aliased_import') this.addAlias(item, `${from}.`);
          else if (item.type === 'dotted_name') this.imports.set(item.text, `${from}.${item.text}`);
        }
      }
    }
  }

  private addAlias(item: SyntaxNode, prefix: string): void {
    const target = item.childForFieldName('name')?.text;
    const alias = item.childForFieldName('alias')?.text;
    if (target && alias) this.imports.set(alias, `${prefix}${target}`);
  }

  /** The dotted path a name or attribute chain refers to in this module, if it can be told. */
  nameOf(node: SyntaxNode): string | undefined {
    if (node.type === 'identifier') {
      return this.imports.get(node.text) ?? (findClass(this.root, node.text) ? `${this.name}.${node.text}` : undefined);
    }
    if (node.type === 'attribute') {
      const object = node.childForFieldName('object');
      const attribute = node.childForFieldName('attribute');
      const head = object && this.nameOf(object);
      return head && attribute ? `${head}.${attribute.text}` : undefined;
    }
    return undefined;
  }
}

function findClass(root: SyntaxNode, name: string): SyntaxNode | undefined {
  for (const statement of root.namedChildren) {
    const node = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (node?.type === 'class_definition' && node.childForFieldName('name')?.text === name) return node;
  }
  return undefined;
}

function arithmetic(node: SyntaxNode, evaluate: (node: SyntaxNode) => PyValue, loc: FileLocation): PyValue {
  const number = (child: SyntaxNode | null): number | undefined => {
    const value = child ? evaluate(child) : undefined;
    return value?.kind === 'int' ? value.value : undefined;
  };
  const operator = node.childForFieldName('operator')?.text;
  const right = number(node.childForFieldName(node.type === 'unary_operator' ? 'argument' : 'right'));
  const left = node.type === 'unary_operator' ? 0 : number(node.childForFieldName('left'));
  if (left === undefined || right === undefined) return { kind: 'unknown', reason: 'arithmetic on unknown values', loc };
  const results: Record<string, number | undefined> = {
    '+': left + right,
    '-': left - right,
    '*': left * right,
    '//': right === 0 ? undefined : Math.floor(left / right),
  };
  const value = operator === undefined ? undefined : results[operator];
  return value === undefined ? { kind: 'unknown', reason: `operator ${operator}`, loc } : { kind: 'int', value, loc };
}

/** `timedelta(...)` of a class attribute, modelled as the settings evaluator does. */
function timedeltaCall(
  node: SyntaxNode,
  module: ProjectModule,
  evaluate: (node: SyntaxNode) => PyValue,
  loc: FileLocation,
): PyValue | undefined {
  const callee = node.childForFieldName('function');
  if (!callee || module.nameOf(callee) !== 'datetime.timedelta') return undefined;
  const positional: PyValue[] = [];
  const keywords: [string, PyValue][] = [];
  for (const argument of node.childForFieldName('arguments')?.namedChildren ?? []) {
    if (argument.type !== 'keyword_argument') positional.push(evaluate(argument));
    else {
      const value = argument.childForFieldName('value');
      keywords.push([argument.childForFieldName('name')?.text ?? '', value ? evaluate(value) : { kind: 'unknown', reason: 'no value' }]);
    }
  }
  return timedeltaOf(positional, keywords, { loc });
}

/**
 * The ACL uploads get: the object parameters' `ACL` (S3) / `acl` (GCS) entry when present, else
 * `default_acl`. Returns the option that decides it (with the entry's value for object parameters).
 */
export function effectiveAcl(config: StorageConfig): StorageOption | undefined {
  const parameters = config.option('object_parameters');
  const key = config.backend === 'gcs' ? 'acl' : 'ACL';
  if (parameters && parameters.value.kind === 'unknown') return parameters;
  const entry = parameters && dictGet(parameters.value, key);
  if (parameters && entry) {
    const option: StorageOption = { value: entry, origin: parameters.origin, source: `${parameters.source}['${key}']` };
    const location = entry.loc ?? parameters.location;
    if (location) option.location = location;
    return option;
  }
  return config.option('default_acl');
}

/** `AWS_DEFAULT_ACL = 'public-read'`, or `AWS_DEFAULT_ACL is unset (None)` for a library default. */
export function describeOption(option: StorageOption): string {
  const value = pyRepr(option.value);
  return option.origin === 'default' ? `${option.source} is unset (${value})` : `${option.source} = ${value}`;
}

/**
 * What explains a finding built on some options: its confidence (`default` when any value holds only
 * because an env variable is unset), related locations (where each option and env variable is set),
 * and the unset variables to name in the message.
 */
export function explainOptions(options: StorageOption[], main?: Location): {
  confidence: Confidence;
  related: { location: Location; message: string }[];
  unset: string[];
} {
  const related: { location: Location; message: string }[] = [];
  const unset = new Set<string>();
  let confidence: Confidence = 'certain';
  const sameAsMain = (location: Location): boolean => JSON.stringify(location) === JSON.stringify(main);
  for (const option of options) {
    if (confidenceOf(option.value) === 'default') confidence = 'default';
    if (option.location && !sameAsMain(option.location)) related.push({ location: option.location, message: describeOption(option) });
    const notes = envNotes(option.value);
    related.push(...notes.related);
    for (const name of notes.unset) unset.add(name);
  }
  return { confidence, related, unset: [...unset] };
}
