/** Message parts the secrets rules share: where else a secret is, and why a settings module is not production's. */
import type { SecretGroup } from './grouping.js';
import type { SecretHit } from './types.js';
import { dirName } from '../workspace/paths.js';

/** ` (also in 37 other places)`, or ''. */
export function alsoIn(group: SecretGroup): string {
  if (group.copies === 0) return '';
  return ` (also in ${group.copies} other place${group.copies === 1 ? '' : 's'})`;
}

/** `, a settings module production does not use (it runs config.settings.production)`, or why else the key is not production's, or ''. */
export function developmentSettingsNote(hit: SecretHit): string {
  const development = hit.developmentSettings;
  if (!development) return '';
  if (development.unusedDefault) return `, a default production does not fall back to (${development.productionModule ?? 'its settings'} gets SECRET_KEY elsewhere), so not the production key`;
  return development.productionModule
    ? `, a settings module production does not use (it runs ${development.productionModule}), so not the production key`
    : ', a development or test settings module by its name, so not the production key';
}

/** `data/keys/`, or `the workspace root`: the directory of a file, for messages. */
export function directoryOf(file: string): string {
  const dir = dirName(file);
  return dir === '' ? 'the workspace root' : `${dir}/`;
}
