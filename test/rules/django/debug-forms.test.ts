import { describe, expect, it } from 'vitest';
import { findingsOf, settingsProject } from '../beyond/helpers.js';

const project = (line: string, extra: Record<string, string> = {}) =>
  settingsProject(`import os\nimport environ\nfrom decouple import config\nenv = environ.Env()\n${line}\n`, extra);
/** Heroku's app.json makes the platform set DEBUG with a value not known here. */
const PLATFORM_SETS_DEBUG = {
  'Procfile': 'web: gunicorn mysite.wsgi\n',
  'app.json': JSON.stringify({ env: { DEBUG: { generator: 'secret' } } }),
};

describe('django/debug-default-true: derived forms of the default', () => {
  const failOpen = [
    "DEBUG = os.getenv('DEBUG', 'True').lower() == 'true'",
    "DEBUG = os.environ.get('DEBUG', 'True') == 'True'",
    "DEBUG = os.environ.get('DEBUG', 'on').lower() in ('1', 'true', 'on')",
    "DEBUG = str(os.environ.get('DEBUG', True)) == 'True'",
    "DEBUG = int(os.environ.get('DEBUG', 1))",
  ];
  for (const line of failOpen) {
    it(`fires while production sets DEBUG off: ${line}`, async () => {
      const [finding, ...rest] = await findingsOf('django/debug-default-true', project(line), { set: { DEBUG: 'false' } });
      expect(rest).toEqual([]);
      expect(finding?.message).toContain('when DEBUG is unset');
      expect(finding?.confidence).toBe('certain');
    });
  }

  it('names what the default becomes through the expression', async () => {
    const [finding] = await findingsOf('django/debug-default-true', project("DEBUG = os.getenv('DEBUG', 'yes').lower() == 'yes'"), { set: { DEBUG: 'no' } });
    expect(finding?.message).toContain("defaults to 'yes', which makes DEBUG True");
  });

  it('fires when the platform sets DEBUG with a value not known here', async () => {
    const root = project("DEBUG = os.getenv('DEBUG', 'True').lower() == 'true'", PLATFORM_SETS_DEBUG);
    const findings = await findingsOf('django/debug-default-true', root);
    expect(findings).toHaveLength(1);
  });

  const failClosed = [
    "DEBUG = os.getenv('DEBUG', 'False').lower() == 'true'",
    "DEBUG = os.environ.get('DEBUG', '') in ('1', 'true')",
    "DEBUG = int(os.environ.get('DEBUG', 0))",
    "DEBUG = env.bool('DEBUG', default=False)",
  ];
  for (const line of failClosed) {
    it(`does not fire on a default that stays off: ${line}`, async () => {
      expect(await findingsOf('django/debug-default-true', project(line), { set: { DEBUG: 'false' } })).toEqual([]);
    });
  }

  it("does not take decouple's own .env for the value when unset", async () => {
    const root = project("DEBUG = config('DEBUG', default=False, cast=bool)", { '.env': 'DEBUG=True\n' });
    expect(await findingsOf('django/debug-default-true', root)).toEqual([]);
  });

  it('leaves the unset case to django/debug, which reports it with confidence default', async () => {
    const root = project("DEBUG = os.getenv('DEBUG', 'True').lower() == 'true'");
    expect(await findingsOf('django/debug-default-true', root)).toEqual([]);
    const [finding] = await findingsOf('django/debug', root);
    expect(finding?.confidence).toBe('default');
  });
});

describe("django/debug-default-true: DEBUG off now, but 'False' would turn it on", () => {
  for (const line of ["DEBUG = bool(os.environ.get('DEBUG', 0))", "DEBUG = os.environ.get('DEBUG', '')", "DEBUG = env('DEBUG', default='')"]) {
    it(`fires with the variable unset: ${line}`, async () => {
      const [finding, ...rest] = await findingsOf('django/debug-default-true', project(line));
      expect(rest).toEqual([]);
      expect(finding?.message).toContain("setting DEBUG to 'False' or '0' would turn it on");
      expect(await findingsOf('django/debug', project(line))).toEqual([]);
    });
  }

  for (const line of [
    "DEBUG = os.environ.get('APP_ENV') != 'production'",
    "DEBUG = os.environ.get('DEBUG', '') == '1'",
    "DEBUG = env.bool('DEBUG', default=False)",
    "DEBUG = config('DEBUG', default=False, cast=bool)",
  ]) {
    it(`stays quiet on a comparison or a parsed flag: ${line}`, async () => {
      expect(await findingsOf('django/debug-default-true', project(line), { set: { APP_ENV: 'production' } })).toEqual([]);
    });
  }
});

describe('django/debug: the variable kept as a string', () => {
  it("reports bool() of '0' as on, explaining the truthiness and the fix", async () => {
    const [finding] = await findingsOf('django/debug', project("DEBUG = bool(os.environ.get('DEBUG', 0))"), { set: { DEBUG: '0' } });
    expect(finding?.confidence).toBe('certain');
    expect(finding?.message).toContain('non-empty string is true');
    expect(finding?.message).toContain('env.bool');
  });

  for (const line of ["DEBUG = env('DEBUG')", "DEBUG = config('DEBUG')"]) {
    it(`reports ${line} when production's value is not known: 'False' would be on too`, async () => {
      // No default: the app cannot start without it, so the platform sets it (value not known).
      const [finding, ...rest] = await findingsOf('django/debug', project(line));
      expect(rest).toEqual([]);
      expect(finding?.message).toContain("'False' and '0' are non-empty strings");
      expect(finding?.message).toContain('cast=bool');
    });

    it(`reports ${line} set to 'False' with the fix`, async () => {
      const [finding] = await findingsOf('django/debug', project(line), { set: { DEBUG: 'False' } });
      expect(finding?.message).toContain("the string 'False'");
      expect(finding?.message).toContain('cast=bool');
    });
  }

  for (const line of ["DEBUG = env.bool('DEBUG')", "DEBUG = config('DEBUG', cast=bool)", "DEBUG = os.environ['DEBUG'] == '1'", "DEBUG = bool(int(os.environ.get('DEBUG', 0)))"]) {
    it(`stays quiet on a parsed flag: ${line}`, async () => {
      expect(await findingsOf('django/debug', project(line, PLATFORM_SETS_DEBUG))).toEqual([]);
      expect(await findingsOf('django/debug', project(line), { set: { DEBUG: '0' } })).toEqual([]);
    });
  }
});
