import { baseName } from '../workspace/paths.js';

/**
 * Where a file sits in a project, for the secret scanner: values in tests, fixtures, CI workflows,
 * dev containers, docs and dev/test env files are throwaway by convention, not production secrets.
 */
export type PathContext = 'test' | 'recording' | 'ci' | 'dev' | 'docs' | 'translation';

/** How a finding names the context: `in a test file`. */
export const PATH_CONTEXT_LABEL: Readonly<Record<PathContext, string>> = {
  test: 'a test or fixture file',
  recording: 'a recording of real HTTP traffic (VCR cassette, HAR)',
  ci: 'a CI configuration file',
  dev: 'a local-development file',
  docs: 'documentation or an example',
  translation: 'a translation file',
};

/**
 * Test code and test data: Django app `fixtures` dirs, `testdata`, `test-environments` and other `test-*`/`test_*`
 * folders, specs, recorded HTTP (VCR cassettes), snapshot directories. Their JSON, YAML and CSV are data, not configuration.
 */
const TEST_DIR = /(?:^|\/)(?:tests?|tests?[-_][^/]+|testing|__tests__|testdata|fixtures|__fixtures__|e2e|specs?|__snapshots__|snapshots)\//i;
/** Test modules, fixture files and snapshots (`*.snap`). */
const TEST_FILE = /(?:^|\/)(?:test_[^/]*|[^/]*_tests?\.py|tests\.py|conftest\.py|[^/]*fixtures?[^/]*\.json)$|\.snap$/i;
/**
 * Recorded HTTP traffic (VCR cassettes, HTTP archives): test data, but captured from a real service, so a
 * private key or a password in a URL there is as real as a provider token.
 */
const RECORDING = /(?:^|\/)(?:cassettes|vcr_cassettes)\/|\.har$/i;
const CI = /(?:^|\/)(?:\.github|\.gitlab|\.circleci|\.buildkite|\.woodpecker)\/|(?:^|\/)(?:\.gitlab-ci\.ya?ml|\.travis\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|cloudbuild\.ya?ml|tox\.ini)$/i;
const DEV_DIR = /(?:^|\/)(?:\.devcontainer|local[-_]dev|dev[-_]env)\//i;
const DEV_TOKENS = new Set(['test', 'testing', 'ci', 'dev', 'develop', 'development', 'local', 'override']);
const DOCS_DIR = /(?:^|\/)(?:docs?|examples?|samples?)\//i;
/**
 * Translation catalogues (`locales/es.json`, `i18n/`, `lang/`, gettext `.po`): UI text keyed by its English
 * source, so a "Password" key holds the word for password, never one.
 */
const TRANSLATION = /(?:^|\/)(?:locales?|i18n|l10n|lang|translations?)\/|\.pot?$/i;

/** `.env.test`, `.env.local`, `local_dev.env`, `docker-compose.dev.yml`, `compose.override.yaml`, … */
function isDevFile(path: string): boolean {
  const name = baseName(path);
  // Only env and compose files: a settings module named local.py or dev.py can be what is deployed.
  if (!/\.env$|^\.env\.|compose[^/]*\.ya?ml$/i.test(name)) return false;
  return name.toLowerCase().split(/[._-]/).some((token) => DEV_TOKENS.has(token));
}

/** The context of a workspace-relative path, or undefined for ordinary (possibly deployed) code and config. */
export function pathContext(path: string): PathContext | undefined {
  if (CI.test(path)) return 'ci';
  if (RECORDING.test(path)) return 'recording';
  if (TEST_DIR.test(path) || TEST_FILE.test(path)) return 'test';
  if (DEV_DIR.test(path) || isDevFile(path)) return 'dev';
  if (DOCS_DIR.test(path)) return 'docs';
  if (TRANSLATION.test(path)) return 'translation';
  return undefined;
}

/** Whether only live provider credentials count in a file of this context (recordings keep every known format). */
export function onlyProviderCredentials(context: PathContext | undefined): boolean {
  return context !== undefined && context !== 'recording';
}
