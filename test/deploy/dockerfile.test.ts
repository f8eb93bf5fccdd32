import { describe, expect, it } from 'vitest';
import { readDockerfile } from '../../src/deploy/dockerfile.js';

const MULTI_STAGE = `# syntax=docker/dockerfile:1
ARG PYTHON_VERSION=3.12
FROM python:\${PYTHON_VERSION}-slim AS builder
ENV BUILD_ONLY=1
RUN pip wheel -r requirements.txt

FROM python:\${PYTHON_VERSION}-slim AS base
ARG APP_HOME=/app
ENV PYTHONUNBUFFERED=1 \\
    # comment inside a continuation
    DJANGO_SETTINGS_MODULE="mysite.settings.production" \\
    HOME_DIR=$APP_HOME
ENV SECRET_KEY django-insecure-abc 123
ARG BUILD_TOKEN
ENV TOKEN=\${BUILD_TOKEN} QUOTED='$NOT_EXPANDED' DEFAULTED=\${UNSET:-fallback}
USER app

FROM base AS final
RUN <<EOF
ENV NOT_AN_INSTRUCTION=1
EOF
USER \${APP_HOME}-user
EXPOSE 8000
HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1
CMD ["gunicorn", "mysite.wsgi", "--bind", "0.0.0.0:$PORT"]
`;

describe('readDockerfile', () => {
  it('reads the final stage (inheriting from an earlier stage), ARGs, USER and CMD', () => {
    const reading = readDockerfile('Dockerfile', MULTI_STAGE);
    expect(reading.env.map((v) => [v.name, v.value, v.source.location?.line, v.source.location?.column])).toEqual([
      ['PYTHONUNBUFFERED', '1', 9, 5],
      ['DJANGO_SETTINGS_MODULE', 'mysite.settings.production', 11, 5],
      ['HOME_DIR', '/app', 12, 5],
      ['SECRET_KEY', 'django-insecure-abc 123', 13, 5],
      ['TOKEN', undefined, 15, 5],
      ['QUOTED', '$NOT_EXPANDED', 15, 26],
      ['DEFAULTED', 'fallback', 15, 49],
    ]);
    expect(reading.env[0]?.source).toMatchObject({ kind: 'dockerfile', label: 'Dockerfile:9' });
    expect(reading.buildArgs.map((v) => [v.name, v.value, v.source.location?.line])).toEqual([
      ['PYTHON_VERSION', '3.12', 2],
      ['APP_HOME', '/app', 8],
      ['BUILD_TOKEN', undefined, 14],
    ]);
    expect(reading.containerUser).toEqual({ user: '/app-user', location: { file: 'Dockerfile', line: 22, column: 1 } });
    expect(reading.commands).toEqual([
      {
        text: 'gunicorn mysite.wsgi --bind 0.0.0.0:$PORT',
        kind: 'dockerfile',
        location: { file: 'Dockerfile', line: 25, column: 1 },
        role: 'web',
        deployed: true,
      },
    ]);
    expect(reading.healthChecks).toEqual([{ location: { file: 'Dockerfile', line: 24, column: 1 } }]);
    expect(reading.usesPortVariable).toBe(true);
    expect(reading.problems).toEqual([]);
  });

  it('reads shell-form commands, ENTRYPOINT, lowercase instructions and no USER', () => {
    const reading = readDockerfile('docker/Dockerfile', 'from python:3.12\nentrypoint ["/entrypoint.sh"]\ncmd python manage.py runserver 0.0.0.0:8000\n');
    expect(reading.commands.map((c) => [c.text, c.location.line])).toEqual([
      ['/entrypoint.sh', 2],
      ['python manage.py runserver 0.0.0.0:8000', 3],
    ]);
    expect(reading.containerUser).toBeUndefined();
    expect(reading.usesPortVariable).toBe(false);
  });

  it('honours the escape directive', () => {
    const reading = readDockerfile('Dockerfile', '# escape=`\nFROM mcr.microsoft.com/windows\nENV A=1 `\n    B=C:\\path\n');
    expect(reading.env.map((v) => [v.name, v.value, v.source.location?.line])).toEqual([
      ['A', '1', 3],
      ['B', 'C:path', 4],
    ]);
  });

  it('reports problems instead of throwing', () => {
    expect(readDockerfile('Dockerfile', 'ENV A=1\nBOGUS x\n').problems.map((p) => p.message)).toEqual([
      'Dockerfile:2: unknown instruction BOGUS',
      'Dockerfile: no FROM instruction',
    ]);
    expect(readDockerfile('Dockerfile', 'FROM x\nENV A="unterminated\nCMD ["broken"\n').commands[0]?.text).toBe('["broken"');
  });
});
