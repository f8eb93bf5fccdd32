import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/frameworks.js';
import type { Finding } from '../../../src/engine/types.js';
import { committedCredentials } from '../../../src/env/committed-credentials.js';
import { parseEnvFile } from '../../../src/env/dotenv.js';
import { makeRepository, settingsFiles } from '../../helpers/project.js';

const RULE = 'env/file-committed';

async function findings(root: string): Promise<Finding[]> {
  const result = await runCheck({ root, only: [RULE] });
  expect(result.errors).toEqual([]);
  return result.findings;
}

const DJANGO = {
  'app/manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
  'app/mysite/__init__.py': '',
  'app/mysite/settings.py': "import os\nSECRET_KEY = os.environ['SECRET_KEY']\n",
};

const COMPOSE_PROD = [
  'services:',
  '  web:',
  '    build: ./app',
  '    command: gunicorn mysite.wsgi:application',
  '    env_file: ./.env.prod',
  '  db:',
  '    image: postgres:16',
  '    env_file: ./.env.prod.db',
  '',
].join('\n');

/** A committed project whose production compose file loads .env.prod (`envProd`) and .env.prod.db (`envProdDb`). */
const composeProdRepository = (envProd: string, envProdDb: string): string =>
  makeRepository({ ...DJANGO, 'docker-compose.prod.yml': COMPOSE_PROD, '.env.prod': envProd, '.env.prod.db': envProdDb });

describe('env/file-committed on env files production loads', () => {
  it('reports a short key and a default database password in the production compose env files', async () => {
    const root = composeProdRepository('DEBUG=0\nSECRET_KEY=q8Zr2mWx7Lp4Tn1\nSQL_HOST=db\n', 'POSTGRES_USER=postgres\nPOSTGRES_PASSWORD=postgres\n');
    const found = await findings(root);
    const byFile = new Map(found.map((finding) => [finding.location && 'file' in finding.location ? finding.location.file : '', finding]));
    expect(byFile.get('.env.prod')).toMatchObject({ severity: 'critical', confidence: 'certain', location: { line: 2 } });
    expect(byFile.get('.env.prod')!.message).toMatch(/production configuration \(env_file of docker-compose\.prod\.yml web\).*SECRET_KEY.*git tracks it/);
    expect(byFile.get('.env.prod')!.message).not.toContain('q8Zr2mWx7Lp4Tn1');
    expect(byFile.get('.env.prod.db')).toMatchObject({ severity: 'high', location: { line: 2 } });
    expect(byFile.get('.env.prod.db')!.message).toMatch(/POSTGRES_PASSWORD, default or weak values/);
  });

  it('stays silent on placeholder-only production env files', async () => {
    const root = composeProdRepository('SECRET_KEY=changeme\nAPI_TOKEN=your-secret-here\nSQL_PASSWORD=\nDATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\n', 'POSTGRES_PASSWORD=<set me>\n');
    expect(await findings(root)).toEqual([]);
  });

  it('stays silent on a weak env file production does not load', async () => {
    const root = makeRepository({ ...DJANGO, 'docker-compose.prod.yml': COMPOSE_PROD.replace(/env_file: .*\n/g, ''), '.env.prod.db': 'POSTGRES_PASSWORD=postgres\n' });
    expect(await findings(root)).toEqual([]);
  });

  it('reports the env file the settings load (django-configurations DOTENV)', async () => {
    const root = makeRepository(settingsFiles("import os\nfrom dotenv import load_dotenv\nload_dotenv(os.path.join(os.path.dirname(os.path.dirname(__file__)), 'config/.env'))\nDB_PASSWORD = os.environ['DB_PASSWORD']\n", {
      'config/.env': 'DB_USER=shop\nDB_PASSWORD=shop\n',
    }));
    const [finding, ...rest] = await findings(root);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ location: { file: 'config/.env', line: 2 } });
    expect(finding!.message).toMatch(/mysite\.settings loads it/);
  });

  it('leaves an env file the settings load that .dockerignore keeps out of the deployed image', async () => {
    const files = settingsFiles("import os\nfrom dotenv import load_dotenv\nload_dotenv()\nDB_PASSWORD = os.environ['DB_PASSWORD']\n", {
      '.env': 'DB_PASSWORD=shop\n',
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["gunicorn", "mysite.wsgi"]\n',
    });
    expect(await findings(makeRepository({ ...files, '.dockerignore': '.env\n' }))).toEqual([]);
    expect(await findings(makeRepository(files))).toEqual([expect.objectContaining({ location: expect.objectContaining({ file: '.env' }) })]);
  });
});

describe('committedCredentials', () => {
  const of = (text: string) => committedCredentials(parseEnvFile(text, 'compose').entries).map((c) => [c.name, c.strength]);
  it('takes secret names and URL passwords, weak or real, and leaves placeholders and other names', () => {
    expect(of('SECRET_KEY=Zx81kq0Lm2Vb\nDB_PASSWORD=admin\nDATABASE_URL=postgres://u:Hq7vN2xkPz@h/db\nDEBUG=1\n')).toEqual([
      ['SECRET_KEY', 'real'],
      ['DB_PASSWORD', 'weak'],
      ['DATABASE_URL', 'real'],
    ]);
    expect(of('CORS_ALLOW_CREDENTIALS=True\nSECRET_KEY=\nTOKEN=<token>\nPASSWORD=change_me\nREDIS_URL=redis://db:6379/0\nALLOWED_HOSTS=example.com\n')).toEqual([]);
  });

  it("reads an env file the settings load in their loader's dialect, a compose env_file in compose's", async () => {
    const settings =
      "import os\nimport environ\nenv = environ.Env()\nenviron.Env.read_env(os.path.join(os.path.dirname(os.path.dirname(__file__)), '.env'))\n" +
      "SECRET_KEY = env('SECRET_KEY')\nDATABASES = {'default': {'PASSWORD': env('POSTGRES_PASSWORD')}}\n";
    // django-environ ends no value at ` #`: the password is the whole rest of the line, not the default word.
    const env = 'POSTGRES_PASSWORD=postgres #n0t-a-comment-9Kq\n';
    const fromSettings = await findings(makeRepository({ ...DJANGO, 'app/mysite/settings.py': settings, 'app/.env': env }));
    expect(fromSettings.map((finding) => [finding.location, finding.severity])).toEqual([[{ file: 'app/.env', line: 1, column: 1 }, 'critical']]);
    expect(fromSettings[0]!.message).not.toContain('default or weak');

    // Compose's env_file reader does end it there: `postgres`, a default that still works.
    const compose = 'services:\n  web:\n    build: ./app\n    command: gunicorn mysite.wsgi:application\n    env_file: ./app/.env\n';
    const fromCompose = await findings(makeRepository({ ...DJANGO, 'app/mysite/settings.py': settings, 'app/.env': env, 'docker-compose.prod.yml': compose }));
    expect(fromCompose.map((finding) => finding.severity)).toEqual(['high']);
    expect(fromCompose[0]!.message).toContain('default or weak');
  });
});
