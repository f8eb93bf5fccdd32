import { describe, expect, it } from 'vitest';
import { redactCommand } from '../../src/deploy/redact.js';

describe('redactCommand', () => {
  it('masks a credential URL in an assignment and a URL password anywhere', () => {
    const out = redactCommand('gunicorn mysite.wsgi --env DATABASE_URL=postgres://admin:S3cr3tPassw0rdXyz@db/app');
    expect(out).not.toContain('S3cr3tPassw0rdXyz');
    expect(out).toContain('gunicorn mysite.wsgi --env DATABASE_URL=post');
    expect(redactCommand('celery -b redis://:hunter2hunter2@cache:6379/0 worker')).not.toContain('hunter2hunter2');
  });

  it('masks secret-named values, quoted or not', () => {
    expect(redactCommand('API_TOKEN=abcdef123456 gunicorn x.wsgi')).not.toContain('abcdef123456');
    const quoted = redactCommand('SECRET_KEY="a very long secret" gunicorn x.wsgi');
    expect(quoted).not.toContain('very long secret');
    expect(quoted).toMatch(/^SECRET_KEY=".*chars\)" gunicorn/);
  });

  it('leaves plain commands, references and ordinary settings alone', () => {
    for (const text of ['gunicorn x.wsgi --bind 0.0.0.0:$PORT', 'DJANGO_SETTINGS_MODULE=x.settings gunicorn x.wsgi', 'SECRET_KEY=$SECRET_KEY gunicorn x.wsgi', 'curl https://example.com/a@b']) {
      expect(redactCommand(text)).toBe(text);
    }
  });
});
