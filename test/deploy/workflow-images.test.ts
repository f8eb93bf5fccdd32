/** The image a CI workflow pushes is what the deployment pulls, when nothing else in the repository starts the app. */
import { describe, expect, it } from 'vitest';
import { pushedDockerfiles } from '../../src/deploy/workflow-images.js';
import { deployFactsOf as facts } from '../helpers/deploy.js';

const workflow = (file: string, push: string) =>
  [
    'name: image',
    'on: [push]',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - name: Build',
    '        uses: docker/build-push-action@v6',
    '        with:',
    '          context: .',
    `          file: ${file}`,
    `          ${push}`,
    '      - name: Other',
    '        run: echo done',
    '',
  ].join('\n');

const DOCKERFILE = 'FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=shop.settings\nCOPY run.sh /srv/run.sh\nCMD ["/srv/run.sh"]\n';
const RUN = '#!/bin/sh\nif [ "$USE_GUNICORN" = "1" ]; then\n  exec gunicorn shop.wsgi\nelse\n  exec python manage.py runserver 0.0.0.0:8000\nfi\n';

describe('pushedDockerfiles', () => {
  it('reads the Dockerfile a build-push-action step pushes, with its context', () => {
    expect(pushedDockerfiles('.github/workflows/image.yml', workflow('ops/image/Dockerfile', 'push: true'))).toEqual([
      { dockerfile: 'ops/image/Dockerfile', context: '', chosenBy: '.github/workflows/image.yml:9 (docker/build-push-action pushes it)', location: { file: '.github/workflows/image.yml', line: 9, column: 1 } },
    ]);
    expect(pushedDockerfiles('w.yml', workflow('ops/image/Dockerfile', 'outputs: type=image,push=true')).map((build) => build.dockerfile)).toEqual(['ops/image/Dockerfile']);
    expect(pushedDockerfiles('w.yml', 'jobs:\n  b:\n    steps:\n      - run: docker build -f ops/Dockerfile.web -t x . && docker push x\n').map((build) => build.dockerfile)).toEqual(['ops/Dockerfile.web']);
  });

  it('leaves out images built without pushing, development and test images, and expressions', () => {
    expect(pushedDockerfiles('w.yml', workflow('ops/image/Dockerfile', 'push: false'))).toEqual([]);
    expect(pushedDockerfiles('w.yml', workflow('ops/development/Dockerfile', 'push: true'))).toEqual([]);
    expect(pushedDockerfiles('w.yml', workflow('Dockerfile.test', 'push: true'))).toEqual([]);
    expect(pushedDockerfiles('w.yml', workflow('${{ matrix.file }}', 'push: true'))).toEqual([]);
    expect(pushedDockerfiles('w.yml', 'jobs:\n  b:\n    steps:\n      - run: docker build -f ops/Dockerfile.web -t x .\n')).toEqual([]);
  });
});

describe('deploy facts: the pushed image', () => {
  const files = { 'manage.py': '', 'extras/image/Dockerfile': DOCKERFILE, 'extras/image/run.sh': RUN };

  it('runs the pushed image when nothing else starts the app, and its else-branch runserver is a conditional command', () => {
    const read = facts({ ...files, '.github/workflows/image.yml': workflow('extras/image/Dockerfile', 'push: true') });
    expect(read.platforms).toContain('docker');
    expect(read.env.find((variable) => variable.name === 'DJANGO_SETTINGS_MODULE')?.value).toBe('shop.settings');
    const runserver = read.commands.find((command) => command.text.includes('runserver'));
    expect(runserver).toMatchObject({ conditional: true, location: { file: 'extras/image/run.sh', line: 5 } });
    expect(runserver?.deployed).not.toBe(false);
  });

  it('is not read when the image is not pushed, or a Procfile says what production runs', () => {
    expect(facts({ ...files, '.github/workflows/image.yml': workflow('extras/image/Dockerfile', 'push: false') }).commands).toEqual([]);
    const procfile = facts({ ...files, Procfile: 'web: gunicorn shop.wsgi\n', '.github/workflows/image.yml': workflow('extras/image/Dockerfile', 'push: true') });
    expect(procfile.platforms).not.toContain('docker');
    expect(procfile.commands.map((command) => command.text)).toEqual(['gunicorn shop.wsgi']);
  });
});
