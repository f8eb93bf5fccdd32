/** secrets/high-entropy — a random-looking value or a password is assigned to a secret-looking name. */
import { alsoIn, defineWorkspaceRule, developmentSettingsNote, directoryOf, dirName, groupByFile, secretsOutsideEnvFiles } from '../../src/api/workspace.js';

export default defineWorkspaceRule({
  id: 'secrets/high-entropy',
  title: 'A value that looks like a secret is committed',
  severity: 'high',
  docs: {
    why:
      'A name such as *_KEY, *_SECRET, *_TOKEN or *PASSWORD* holds a literal that looks generated (long, not made of ' +
      'words, high Shannon entropy: 3.5 bits per character, or 3.0 for hex of 32+ characters) or, for passwords, a ' +
      'value of 8+ characters mixing character classes. This is the lower-confidence tier: no provider format ' +
      'confirms it is a credential, so it can be a test value. Stand-ins (changeme, your-secret-key, <...>, ${VAR}, ' +
      'xxx, example, dummy values, sequences) are not reported, nor are names that hold identifiers (*_ID, *_NAME, ' +
      '*_URL, PUBLIC/PUBLISHABLE keys), nor values of another shape: format strings (%s, {id}), UUIDs, Django ' +
      'password hashes (pbkdf2_sha256$…, $2b$12$…, $argon2id$…), integrity hashes (sha512-…), data URIs and base64 ' +
      'images, alphabets (abcdefghijklmnopqrstuvwxyz0123456789), slugs (word-2016-word), regexes, URL paths, 0x ' +
      'addresses, words in any script (cache keys, enum constants equal to their name, "Contraseña"); lock files are not read. Tests, fixtures and ' +
      'other test data (JSON/YAML/CSV under fixtures/, testdata/, spec/, cassettes/, snapshots, *.har), CI workflows, ' +
      'dev containers, dev/test env files, docs and translation catalogues (locales/, i18n/, lang/, *.po) are not checked. So that a report stays readable, each file gets at ' +
      'most one finding (the other values are related locations, counted in the message), a directory with 10 or more ' +
      'such files (a data set) one finding, and a value repeated in many places is reported once. In a settings module ' +
      'production does not use (local.py, dev.py, …) the finding is low.',
    fix:
      'If it is a real secret, rotate it and read it from the environment:\n\n' +
      'API_TOKEN = os.environ["API_TOKEN"]\n\n' +
      'If it is a test value, make that obvious (a placeholder such as "test-token") or skip the rule for test ' +
      'files with the ignore-paths setting.',
    refs: ['https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/'],
  },
  check(ctx) {
    const hits = secretsOutsideEnvFiles(ctx.workspace, ctx.projects, ctx.focus);
    // A value secrets/known-format reports somewhere is not reported again here.
    const known = new Set(hits.filter((hit) => hit.tier === 'known').map((hit) => hit.secret));
    const entropy = hits.filter((hit) => hit.tier === 'entropy' && !known.has(hit.secret));
    for (const group of groupByFile(entropy, (hit) => (hit.developmentSettings ? 'low' : 'high'))) {
      const hit = group.primary;
      const many = group.otherValues > 0;
      const names = group.otherNames.length ? ` (${group.otherNames.join(', ')}${group.otherValues > group.otherNames.length ? ', …' : ''})` : '';
      const more =
        group.scope === 'directory'
          ? `; ${group.otherValues} more values in ${group.otherFiles} more files of ${directoryOf(hit.location.file)} look like secrets too${names}`
          : many
            ? `; ${group.otherValues === 1 ? '1 more value in this file looks like a secret' : `${group.otherValues} more values in this file look like secrets`} too${names}`
            : '';
      ctx.report({
        message:
          `${hit.name ?? 'A value'} holds a ${hit.label} written in ${hit.location.file}${developmentSettingsNote(hit)}${alsoIn(group)}${more}: ` +
          `if ${many ? 'they are real secrets, rotate them' : 'it is a real secret, rotate it'} and read ${many ? 'them' : 'it'} from the environment`,
        severity: group.severity,
        location: hit.location,
        secret: hit.secret,
        about: group.scope === 'directory' ? `high-entropy directory ${dirName(hit.location.file)}` : `${hit.detector} ${hit.name ?? ''} ${hit.location.file}`,
        related: group.related,
      });
    }
  },
});
