import { describe, expect, it } from 'vitest';
import { shannonEntropy } from '../../src/secrets/entropy.js';
import { findKnownSecrets } from '../../src/secrets/formats.js';
import { pathContext } from '../../src/secrets/paths.js';
import { isPlaceholder, isStandInPhrase } from '../../src/secrets/placeholders.js';
import { scanText } from '../../src/secrets/scanner.js';
import { hasDjangoKeyShape, isNonSecretShape } from '../../src/secrets/value-shape.js';

describe('path context', () => {
  it.each([
    ['app/tests/test_views.py', 'test'],
    ['app/test_models.py', 'test'],
    ['app/models_test.py', 'test'],
    ['conftest.py', 'test'],
    ['accounts/tests.py', 'test'],
    ['shop/fixtures/data.json', 'test'],
    ['docker/oidc/fixtures.json', 'test'],
    ['scripts/test-environments/oidc/configuration.yml', 'test'],
    ['test_project/settings.py', 'test'],
    ['.github/workflows/ci.yml', 'ci'],
    ['.gitlab-ci.yml', 'ci'],
    ['.devcontainer/backend.env', 'dev'],
    ['.env.test', 'dev'],
    ['.env.local', 'dev'],
    ['docker/config/local_dev.env', 'dev'],
    ['docker-compose.dev.yml', 'dev'],
    ['docs/settings.py', 'docs'],
    ['examples/config.yaml', 'docs'],
  ])('%s is %s', (path, context) => expect(pathContext(path)).toBe(context));

  it.each(['shop/settings.py', 'config/settings/local.py', '.env', '.env.production', 'docker-compose.yml', 'bakerydemo/settings/base.py', 'contest/views.py', 'latest-release/config.yml', 'attestations/keys.py'])(
    '%s is ordinary code',
    (path) => expect(pathContext(path)).toBeUndefined(),
  );
});

describe('multi-word stand-ins', () => {
  it.each(['postgres_password', 'app_password', 'dev_password_123', 'test-secret', 'fixme-postgres-password', 'Very-secure-secret-string', 'Dontusethisinproduction1234', 'testpass123', 'shop_password', 'mySecretKey'])(
    '%s is a placeholder',
    (value) => expect(isPlaceholder(value)).toBe(true),
  );
  it.each(['PVHL3Lefdty&HB6q', 'Tr0ub4dor-horse', 'correct-horse-battery-staple', 'hrWXp418afOMuRlrYBfjZFBz', 'acme_widget_password'])('%s is not', (value) =>
    expect(isStandInPhrase(value)).toBe(false),
  );
});

describe('value shapes that are not credentials', () => {
  it.each([
    ['question:html:%s', 'html_cache_key'],
    ['doc_html:{locale}:{slug}', 'DOC_HTML_KEY'],
    ['54306027-9924-4807-b955-72b85d3ccef4', 'translation_key'],
    ['pbkdf2_sha256$600000$LGJuh105qhpKcZzJM4kgbj$a+uqRjeOx9ShMQkjIUeNZbXOvidZIEFtfysfmILsRfI=', 'password'],
    ['bcrypt_sha256$$2b$12$Qx8fK2pLmW9xTr4BvN7cYh', 'password'],
    ['^(e)([a-fA-F0-9]{64})(\\d+)', 'token_id_pattern_value'],
    ['/api/documents/remove_password/', 'remove_password'],
    ['uploads/2024/bafdccb665a447468e237781154883b5.png', 'key'],
    ['0x8c4f50aDDf80F90D98a41A7ABe43B7E9d864409f', 'token'],
    ['invalid_password', 'INVALID_PASSWORD'],
    ['sumo:wiki:full-rebuild', 'WIKI_REBUILD_TOKEN'],
    ['5/m/user', 'change_password'],
    ['20/m/ip,5/m/key', 'reset_password'],
    ['100/day', 'TOKEN_THROTTLE_RATE'],
  ])('%s under %s', (value, name) => expect(isNonSecretShape(value, name)).toBe(true));

  it.each([
    ['+brp(_tlvnd^-af67o#mdsz#*a50u%3vf#vhdyg70zdr#6xss^', 'SIGNING_KEY'],
    ['l3sHKuSQpOdI8ICfAr9nzN8aHjlpbM3t', 'JWT_SECRET'],
    ['PVHL3Lefdty&HB6q', 'PASSWORD'],
    ['hGkqPZLmWtrBnXaVcdeYfsuQ', 'API_TOKEN'],
    ['5/m/user9Xk2pQ7vLr4T', 'API_TOKEN'],
  ])('%s under %s is credential-shaped', (value, name) => expect(isNonSecretShape(value, name)).toBe(false));

  it('knows the Django key shape', () => {
    expect(hasDjangoKeyShape('n*73$oe=ymmohra(sn54klvuaoe59w+mhh91b^fji7(u&nq#0=')).toBe(true);
    expect(hasDjangoKeyShape('test-secret-key-for-the-test-suite')).toBe(false);
    expect(hasDjangoKeyShape('different')).toBe(false);
  });
});

describe('SECRET_KEY by name', () => {
  it('is a known format only in the Django key shape', () => {
    expect(scanText("SECRET_KEY = 'n*73$oe=ymmohra(sn54klvuaoe59w+mhh91b^fji7(u&nq#0='\n", 'app/conf.py').map((hit) => hit.tier)).toEqual(['known']);
    expect(scanText("SECRET_KEY = 'l3sHKuSQpOdI8ICfAr9nzN8aHjlpbM3t'\n", 'app/conf.py').map((hit) => hit.tier)).toEqual(['entropy']);
    expect(scanText("SECRET_KEY = 'wrong-secret-key'\nsecret_key = 'secret_key_1'\n", 'app/conf.py')).toEqual([]);
    expect(scanText("@override_settings(SECRET_KEY='n*73$oe=ymmohra(sn54klvuaoe59w+mhh91b^fji7(u&nq#0=')\n", 'app/tests/test_x.py')).toEqual([]);
  });
});

describe('connection URLs', () => {
  const passwords = (text: string): string[] => findKnownSecrets(text).map((match) => match.secret);
  it('leave out the user name repeated on a development host', () => {
    expect(passwords('postgres://saleor:saleor@localhost:5432/saleor')).toEqual([]);
    expect(passwords('postgres://saleor_read_only:saleor@localhost:5432/saleor')).toEqual([]);
    expect(passwords('postgres://pebbling:pebbling@postgres:5432/pebbling')).toEqual([]);
    expect(passwords('postgres://saleor:saleor@db.example.com/saleor')).toEqual(['saleor']);
    expect(passwords('amqp://shop:w7!f6dxc)yeaucl@rabbit:5672//')).toEqual(['w7!f6dxc)yeaucl']);
  });
});

describe('stand-ins in leetspeak and long phrases', () => {
  it.each(['P@ssw0rd', 'P4sSw0rD!', 'Test1234!', 'Password1!', 'areallysupersecretpassword235', 'DontusethisinproductionbutitneedsbelongforCI1234567890'])(
    '%s is a placeholder',
    (value) => expect(isPlaceholder(value)).toBe(true),
  );
  it.each(['PVHL3Lefdty&HB6q', 'r%8QNMTLTinvlGhk', 'w7!f6dxc)yeaucl', 'FeHkE_QbuU3cYy1a1eQUrCE5jRcUnBK3'])('%s is not', (value) =>
    expect(isPlaceholder(value)).toBe(false),
  );
});

describe('Django key shape', () => {
  it('needs the randomness of get_random_secret_key()', () => {
    expect(hasDjangoKeyShape('pn5bbbm6^^$tt3#y8_%@828dq2ax20cce+^=bgfbx#0*hjk4)0')).toBe(true);
    expect(hasDjangoKeyShape('local-development-key-do-not-use-in-prod-2024')).toBe(false);
  });
});

describe('entropy', () => {
  it('counts characters, ASCII or not', () => {
    expect(shannonEntropy('abab')).toBe(1);
    expect(shannonEntropy('äöäö')).toBe(1);
    expect(shannonEntropy('ä')).toBe(0);
  });
});
