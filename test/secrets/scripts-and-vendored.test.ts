import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { secretFileKind } from '../../src/secrets/files.js';
import { scanText } from '../../src/secrets/scanner.js';
import { workspaceSecrets } from '../../src/secrets/workspace-scan.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject } from '../helpers/project.js';

/** Made up for these tests: a value of a Django key's shape and a random token. */
const DJANGO_KEY = 'kfikqo&_zp6!_jab@q89^@zk+*y1p!yd_7#jfjq*@h*ue+9h@2';
const TOKEN = 'Sq9dNiurgZMm2wmEBBO3DHpodRalybpC';

const hitsOf = (file: string, text: string) => scanText(text, file).map((hit) => `${hit.location.line}:${hit.location.column} ${hit.name ?? '-'} ${hit.detector}`);

describe('secrets in shell scripts, Makefiles and deploy scripts', () => {
  it('reads deploy.sh, *.bash, Makefile, justfile and extensionless deploy scripts as shell', () => {
    for (const file of ['deploy.sh', 'scripts/setup.bash', 'Makefile', 'GNUmakefile', 'rules.mk', 'justfile', 'deploy', 'bin/deploy-prod']) {
      expect(secretFileKind(file), file).toBe('shell');
    }
    expect(secretFileKind('deploy.py')).toBe('python');
    expect(secretFileKind('deploy.yml')).toBe('yaml');
    expect(secretFileKind('README')).toBeUndefined();
  });

  it('finds export, heroku config:set, fly secrets set and Makefile assignments, in comments too', () => {
    const text = [
      '#!/bin/sh',
      `export SECRET_KEY='${DJANGO_KEY}'`,
      `# heroku config:set DEBUG=False DJANGO_SECRET_KEY="${DJANGO_KEY}"`,
      `fly secrets set API_TOKEN=${TOKEN} OTHER=1`,
      `DATABASE_URL=postgres://app:${TOKEN}@db.internal:5432/app ./manage.py migrate`,
    ].join('\n');
    expect(hitsOf('deploy.sh', text)).toEqual([
      '2:20 SECRET_KEY secret-key-assignment',
      '3:52 DJANGO_SECRET_KEY secret-key-assignment',
      '4:27 API_TOKEN high-entropy',
      '5:29 - url-password',
    ]);
    expect(hitsOf('Makefile', `SECRET_KEY ?= ${DJANGO_KEY}\n`)).toEqual(['1:15 SECRET_KEY secret-key-assignment']);
  });

  it('does not report variables, command substitutions and placeholders', () => {
    const text = [
      'export SECRET_KEY="$SECRET_KEY"',
      'export SECRET_KEY=${DJANGO_SECRET_KEY}',
      'SECRET_KEY=$(python -c "import secrets; print(secrets.token_urlsafe(50))")',
      'heroku config:set SECRET_KEY=your-secret-key-here',
      'API_TOKEN := changeme',
    ].join('\n');
    expect(hitsOf('deploy.sh', text)).toEqual([]);
  });
});

describe('${VAR:-default} in compose and env files', () => {
  it('reports a real-looking committed default, at the default', () => {
    expect(hitsOf('docker-compose.yml', `services:\n  web:\n    environment:\n      SECRET_KEY: \${SECRET_KEY:-${DJANGO_KEY}}\n`)).toEqual([
      '4:33 SECRET_KEY secret-key-assignment',
    ]);
  });

  it('does not report a placeholder default or no default', () => {
    const text = 'services:\n  web:\n    environment:\n      SECRET_KEY: ${SECRET_KEY:-change-me-in-production}\n      API_TOKEN: ${API_TOKEN}\n      AUTH_TOKEN: ${AUTH_TOKEN:-}\n';
    expect(hitsOf('docker-compose.yml', text)).toEqual([]);
  });
});

describe('XML qualified names are not secrets', () => {
  it('skips Clark notation and namespace URNs under *_key names', () => {
    const text = 'lang_key = "{http://www.w3.org/XML/1998/namespace}lang"\nns_key = "urn:oasis:names:tc:SAML:2.0:assertion"\n';
    expect(hitsOf('model.py', text)).toEqual([]);
  });

  it('still reports a random value under the same name', () => {
    expect(hitsOf('model.py', `lang_key = "${TOKEN}"\n`)).toEqual(['1:13 lang_key high-entropy']);
  });
});

describe('committed virtualenvs are not scanned', () => {
  it('skips venv/, a folder with pyvenv.cfg and site-packages, but scans the project', () => {
    const secret = `API_TOKEN = "${TOKEN}"\n`;
    const root = makeProject({
      'app/settings.py': secret,
      'venv/Lib/site-packages/lib/conf.py': secret,
      'myenv/pyvenv.cfg': 'home = /usr/bin\n',
      'myenv/bin/activate.sh': `export API_TOKEN=${TOKEN}\n`,
      'tools/lib/python3.12/site-packages/pkg/x.py': secret,
    });
    execFileSync('git', ['init', '-q', root]);
    execFileSync('git', ['-C', root, 'add', '-A', '-f']);
    const scanned = [...workspaceSecrets(openWorkspace(root)).keys()];
    expect(scanned).toEqual(['app/settings.py']);
  });

  it('leaves vendored files out however the scan is asked: whole workspace, a focus, or a filter', () => {
    const secret = `API_TOKEN = "${TOKEN}"\n`;
    const root = makeProject({ 'app/settings.py': secret, 'app/.env': `API_TOKEN=${TOKEN}\n`, 'venv/app/settings.py': secret, 'venv/.env': `API_TOKEN=${TOKEN}\n` });
    // Committed, so that the workspace lists the vendored files (a directory walk would skip venv/).
    execFileSync('git', ['init', '-q', root]);
    execFileSync('git', ['-C', root, 'add', '-A', '-f']);
    const workspace = openWorkspace(root);
    expect(workspace.files).toContain('venv/.env');
    // The same workspace throughout: what one call classified, the next reuses.
    expect([...workspaceSecrets(workspace).keys()]).toEqual(['app/.env', 'app/settings.py']);
    expect([...workspaceSecrets(workspace, new Set(['venv/app/settings.py', 'app/settings.py'])).keys()]).toEqual(['app/settings.py']);
    expect([...workspaceSecrets(workspace, undefined, (file) => file.endsWith('.env')).keys()]).toEqual(['app/.env']);
    expect([...workspaceSecrets(openWorkspace(root), new Set(['venv/.env'])).keys()]).toEqual([]);
  });
});

describe('generated files are not scanned, whatever their name says', () => {
  it('rules out lock files, minified code and source maps, even named like an env file, a Dockerfile or a script', () => {
    for (const file of ['package-lock.json', 'web/pnpm-lock.yaml', 'poetry.lock', '.env.lock', 'Dockerfile.lock', 'deploy.lock', 'static/app.min.js', 'static/app.js.map']) {
      expect(secretFileKind(file), file).toBeUndefined();
    }
    expect(secretFileKind('.env.production')).toBe('dotenv');
    expect(secretFileKind('Dockerfile.prod')).toBe('dockerfile');
    expect(secretFileKind('config/locks.json')).toBe('json');
  });
});
