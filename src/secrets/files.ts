import { isDockerfileName } from '../deploy/dockerfile.js';
import { baseName, extensionOf } from '../workspace/paths.js';

/**
 * How the secret scanner reads a file: which assignment syntax it has. `data` (CSV, snapshots) has
 * none: only credentials in a provider's format count there. `script` (JS/TS source) has none
 * either: credentials in a known format count (a connection URL with its password as a
 * `process.env.X || '…'` fallback); secrets assigned by name in code are the Node rules' (src/node),
 * judged with the evaluated program.
 */
export type SecretFileKind = 'python' | 'dotenv' | 'dockerfile' | 'shell' | 'yaml' | 'toml' | 'json' | 'ini' | 'key' | 'data' | 'script';

const ENV_FILE = /^(?:\.env(?:\.[\w.-]+)?|[\w.-]+\.env|env\.(?:example|sample|template|dist))$/i;
const ENV_TEMPLATE = /(?:^|[._-])(?:example|sample|template|dist|defaults)(?:$|[._-])/i;
/**
 * Generated files full of hashes (integrity hashes, commit shas), never hand-written credentials: lock
 * files of every package manager (`package-lock.json`, `deno.lock`, `packages.lock.json`, …), minified code, source maps.
 */
const GENERATED =
  /(?:^|\/)(?:npm-shrinkwrap\.json|[^/]*[.-]lock\.(?:json|ya?ml)|[^/]*\.lock|lock\.json|go\.sum)$|\.min\.(?:js|css)$|\.map$/;

/**
 * Shell scripts and task files, where deploy steps set variables (`export X=…`, `heroku config:set X=…`,
 * `fly secrets set X=…`, Makefile `X ?= …`): `*.sh`, `*.bash`, Makefiles, justfiles, and `deploy*`
 * scripts without an extension.
 */
/** Build output and collected or vendored front-end code: bundles, not the project's source. */
const SCRIPT_OUTPUT = /(?:^|\/)(?:\.next|\.nuxt|\.output|\.svelte-kit|dist|build|out|coverage|staticfiles|vendor|vendors)\//;

const SHELL_FILE = /^(?:[^/]+\.(?:sh|bash|zsh|mk)|(?:GNU)?makefile|\.?justfile|deploy[\w-]*)$/i;

/** `.env`, `.env.production`, `prod.env`, `.env.example`, … */
export function isEnvFile(path: string): boolean {
  return ENV_FILE.test(baseName(path));
}

/** `.env.example`, `.env.sample`, `.env.template`, `.env.dist`: documents the variables, meant to be committed. */
export function isEnvTemplate(path: string): boolean {
  return isEnvFile(path) && ENV_TEMPLATE.test(baseName(path).replace(/^\.env/i, ''));
}

/** The kind of a file the secret scanner reads, or undefined for files it leaves alone. */
export function secretFileKind(path: string): SecretFileKind | undefined {
  const kind = kindOfName(baseName(path));
  // GENERATED only ever rules a file out, so it is tested last, on the few files with a kind.
  return kind && !GENERATED.test(path) && !(kind === 'script' && SCRIPT_OUTPUT.test(path)) ? kind : undefined;
}

function kindOfName(name: string): SecretFileKind | undefined {
  if (ENV_FILE.test(name)) return 'dotenv';
  if (isDockerfileName(name)) return 'dockerfile';
  if (SHELL_FILE.test(name)) return 'shell';
  switch (extensionOf(name)) {
    case 'py':
      return 'python';
    case 'yml':
    case 'yaml':
      return 'yaml';
    case 'toml':
      return 'toml';
    case 'json':
    case 'har':
      return 'json';
    case 'csv':
    case 'tsv':
    case 'snap':
      return 'data';
    case 'ini':
    case 'cfg':
    case 'conf':
      return 'ini';
    case 'js':
    case 'mjs':
    case 'cjs':
    case 'jsx':
    case 'ts':
    case 'mts':
    case 'cts':
    case 'tsx':
      return name.endsWith('.d.ts') ? undefined : 'script';
    case 'pem':
    case 'key':
      return 'key';
    default:
      return undefined;
  }
}
