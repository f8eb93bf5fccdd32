/** django/secret-key-reused — the production SECRET_KEY is shared with other settings or its own fallbacks. */
import type { FileLocation, PyNode, Settings, Workspace } from '../../src/api/django.js';
import { confidenceOf, defineRule, dirName, envReadsOf, parseModule, plainStringValue, settingLocation } from '../../src/api/django.js';

interface LiteralKey {
  key: string;
  location: FileLocation;
}

/** `SECRET_KEY = '<literal>'` at module level or in a class body (django-configurations), with its location. */
function literalKeys(block: PyNode, file: string, out: LiteralKey[]): void {
  for (const statement of block.namedChildren) {
    if (statement.type === 'class_definition') {
      const body = statement.childForFieldName('body');
      if (body) literalKeys(body, file, out);
      continue;
    }
    if (statement.type !== 'expression_statement') continue;
    const assignment = statement.namedChildren[0];
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== 'SECRET_KEY') continue;
    const right = assignment.childForFieldName('right');
    const key = right ? plainStringValue(right) : undefined;
    if (!right || !key) continue;
    out.push({ key, location: { file, line: right.startPosition.row + 1, column: right.startPosition.column + 1 } });
  }
}

/**
 * The project's settings modules: the files the chosen module was built from, plus its siblings —
 * every module of a `settings/` package, or the `*settings*.py` files next to a `settings.py`.
 */
function settingsFiles(workspace: Workspace, settings: Settings): string[] {
  const dir = dirName(settings.file);
  const isPackage = dir.split('/').pop() === 'settings' || settings.file.endsWith('__init__.py');
  const siblings = workspace.files.filter((path) => {
    if (!path.endsWith('.py') || dirName(path) !== dir) return false;
    return isPackage || /settings/i.test(path.slice(dir.length));
  });
  return [...new Set([...settings.files, ...siblings])].filter((path) => path.endsWith('.py'));
}

export default defineRule({
  id: 'django/secret-key-reused',
  title: 'SECRET_KEY is reused',
  severity: 'high',
  docs: {
    why:
      'Each environment needs its own key. When production\'s key also sits in another settings module (a dev or test ' +
      'settings file, a base module that production overrides with the same value), everyone who runs or reads those ' +
      'settings can forge production sessions, password-reset tokens and signed data. When the key production gets ' +
      'from its environment is also written in a committed settings file, the production key is effectively public. ' +
      'And SECRET_KEY listed again in SECRET_KEY_FALLBACKS means a rotation that did not happen: the old key is still ' +
      'the current one.',
    fix:
      'Give production its own key, read only from its environment, and use throwaway keys elsewhere:\n\n' +
      '# production.py\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n' +
      'SECRET_KEY_FALLBACKS = os.environ.get("DJANGO_OLD_SECRET_KEYS", "").split(",")  # only keys you retired',
    refs: [
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const value = settings.get('SECRET_KEY');
    if (value.kind !== 'str' || value.value === '') return;
    const key = value.value;
    const keyLocation = value.loc ?? settingLocation(settings, 'SECRET_KEY', value);
    const fromEnvironment = envReadsOf(value).some((read) => read.set);
    const confidence = confidenceOf(value);

    const fallbacks = settings.get('SECRET_KEY_FALLBACKS');
    if ((fallbacks.kind === 'list' || fallbacks.kind === 'tuple') && fallbacks.items.some((item) => item.kind === 'str' && item.value === key)) {
      ctx.report({
        message: 'SECRET_KEY is also listed in SECRET_KEY_FALLBACKS: the key was not rotated',
        location: settingLocation(settings, 'SECRET_KEY_FALLBACKS', fallbacks),
        related: [{ location: keyLocation, message: 'SECRET_KEY is set here' }],
        confidence,
        secret: key,
        about: 'SECRET_KEY in SECRET_KEY_FALLBACKS',
      });
    }

    const literals: LiteralKey[] = [];
    for (const file of settingsFiles(ctx.workspace, settings)) {
      const read = ctx.workspace.readText(file);
      if (!read.ok) continue;
      // parseModule caches by source: the files the evaluator read are not parsed a second time.
      literalKeys(parseModule(read.text), file, literals);
    }
    for (const literal of literals) {
      if (literal.key !== key) continue;
      if (literal.location.file === keyLocation.file && literal.location.line === keyLocation.line) continue;
      ctx.report({
        message: fromEnvironment
          ? `the SECRET_KEY production gets from its environment is also written in ${literal.location.file}`
          : `the production SECRET_KEY is also assigned in ${literal.location.file}: another settings module shares it`,
        location: literal.location,
        related: [{ location: keyLocation, message: 'production\'s SECRET_KEY comes from here' }],
        confidence,
        secret: key,
        about: `SECRET_KEY shared with ${literal.location.file}`,
        ...(fromEnvironment ? { severity: 'critical' as const } : {}),
      });
    }
  },
});
