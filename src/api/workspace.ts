/**
 * The rule API for rules over the whole workspace (secrets, env files, deploy files) and the policy
 * rules (meta/*): `defineWorkspaceRule`, `definePolicyRule` and the secret and env helpers. Rule files
 * import this module and nothing else from src/ (eslint enforces it); users' rule files import it as
 * `deploycheck/api/workspace`.
 */
export * from './base.js';
export type { Project } from '../core/project.js';
export { committedUploads } from '../deploy/uploads.js';
export { gitignoreFilesIgnore } from '../django/gitignore-match.js';
export { djangoUploadHints } from '../django/upload-folders.js';
export { definePolicyRule, defineWorkspaceRule } from '../engine/types.js';
export { committedCredentials, productionEnvFiles } from '../env/committed-credentials.js';
export { envFileDialect } from '../env/consumer.js';
export { envFilesInUse } from '../env/env-file-use.js';
export type { EnvFileUse } from '../env/env-file-use.js';
export { readDotenv } from '../env/workspace-dotenv.js';
export { isDjangoProject } from '../project/types.js';
export type { DjangoProject } from '../project/types.js';
export { isEnvFile, isEnvTemplate } from '../secrets/files.js';
export { isProviderFormat } from '../secrets/formats.js';
export { groupByFile, groupByValue } from '../secrets/grouping.js';
export { alsoIn, developmentSettingsNote, directoryOf } from '../secrets/messages.js';
export { PATH_CONTEXT_LABEL, pathContext } from '../secrets/paths.js';
export type { SecretHit } from '../secrets/types.js';
export { isCommitted, secretsOutsideEnvFiles, workspaceSecrets } from '../secrets/workspace-scan.js';
export { isVendoredIn } from '../workspace/vendored.js';
