/** secrets/high-entropy — a random-looking value or a password is assigned to a secret-looking name. */
import { defineWorkspaceRule } from '../../src/engine/types.js';
import { secretsOutsideEnvFiles } from '../../src/secrets/workspace-scan.js';

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
      'password hashes (pbkdf2_sha256$…), regexes, URL paths, 0x addresses, words (cache keys, enum constants equal to ' +
      'their name). Tests, fixtures, CI workflows, dev containers, dev/test env files and docs are not checked.',
    fix:
      'If it is a real secret, rotate it and read it from the environment:\n\n' +
      'API_TOKEN = os.environ["API_TOKEN"]\n\n' +
      'If it is a test value, make that obvious (a placeholder such as "test-token") or skip the rule for test ' +
      'files with the ignore-paths setting.',
    refs: ['https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/'],
  },
  check(ctx) {
    for (const hit of secretsOutsideEnvFiles(ctx.workspace, ctx.projects, ctx.focus)) {
      if (hit.tier !== 'entropy') continue;
      ctx.report({
        message: `${hit.name ?? 'A value'} holds a ${hit.label} written in ${hit.location.file}: if it is a real secret, rotate it and read it from the environment`,
        location: hit.location,
        secret: hit.secret,
        snippet: `${hit.detector} ${hit.name ?? ''} ${hit.location.file}`,
      });
    }
  },
});
