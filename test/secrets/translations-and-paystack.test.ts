import { describe, expect, it } from 'vitest';
import { findKnownSecrets } from '../../src/secrets/formats.js';
import { pathContext } from '../../src/secrets/paths.js';
import { scanText } from '../../src/secrets/scanner.js';
import { isNonSecretShape } from '../../src/secrets/value-shape.js';

/** Built at run time so no key-shaped literal sits in the repository. */
const GITHUB_TOKEN = `ghp_${'Xq7Lm2Pz9Rk4Tw8Vb3Nc6Jd1Hf5Gs0Ya2Ue4'}`;
const PAYSTACK_KEY = `sk_live_${'0f3a9c1e7b5d2a8c4e6f1b3d9a7c5e2f4b8d6a10'}`;
const STRIPE_KEY = `sk_live_${'51Hq8ZpLm3Rt7Vx2Kc9Nw4Bd6Fg1Js5Ty0Ua'}`;

describe('translation catalogues', () => {
  it.each(['frontend/src/locales/es.json', 'app/locale/sv/LC_MESSAGES/django.po', 'web/i18n/de.json', 'static/lang/fr.json', 'translations/messages.pot'])(
    '%s is a translation file',
    (path) => expect(pathContext(path)).toBe('translation'),
  );
  it.each(['shop/settings.py', 'app/localization.py', 'config/language.json', 'app/slang/x.json'])('%s is not', (path) =>
    expect(pathContext(path)).toBeUndefined(),
  );

  it('hold the word for "Password", not one; a provider token there is still reported', () => {
    const catalogue = `{\n  "Password": "Hasło-Główne",\n  "Token": "Jetons d'accès",\n  "new_password": "Mín8-Carácteres",\n  "api_key": "${GITHUB_TOKEN}"\n}\n`;
    const hits = scanText(catalogue, 'ui/src/locales/pl.json');
    expect(hits.map((hit) => [hit.location.line, hit.detector, hit.context])).toEqual([[5, 'github-token', 'translation']]);
    // The same password-shaped value outside a catalogue is still a password.
    expect(scanText('{\n  "new_password": "Mín8-Carácteres"\n}\n', 'deploy/config.json').map((hit) => hit.detector)).toEqual(['password-assignment']);
  });
});

describe('natural-language values', () => {
  it.each(['Contraseña', 'Lösenord', 'Mot de passe', 'Пароль'])('%s is words, not a secret', (value) => expect(isNonSecretShape(value, 'Password')).toBe(true));
  it.each(['Kxñ7Lö2pQz9R', 'hGkqPZLmWtrBnXaQ'])('%s is not plain words', (value) => expect(isNonSecretShape(value, 'Password')).toBe(false));
});

describe('Paystack and Stripe live keys', () => {
  it('name a 40-hex sk_live_ key Paystack and a mixed-case one Stripe', () => {
    const text = `PAYSTACK = "${PAYSTACK_KEY}"\nSTRIPE = "${STRIPE_KEY}"\n`;
    expect(findKnownSecrets(text).map((match) => [match.format.id, match.secret])).toEqual([
      ['paystack-live-key', PAYSTACK_KEY],
      ['stripe-live-key', STRIPE_KEY],
    ]);
  });
});
