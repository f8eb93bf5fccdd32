import { describe, expect, it } from 'vitest';
import { enclosing, parseNginx } from '../../src/deploy/nginx.js';

describe('parseNginx', () => {
  it('reads directives, blocks, quotes, comments and ${VAR} words with their lines', () => {
    const text =
      '# a comment { ; }\nupstream app {\n    server web:${APP_PORT};\n}\nserver {\n    listen 443 ssl; # trailing\n' +
      '    add_header X-Note "a; b { c }" always;\n    location ^~ /media/ {\n        alias \'/srv/media files/\';\n    }\n}\n';
    const config = parseNginx('nginx/site.conf', text);
    expect(config.problems).toEqual([]);
    expect(config.directives.map((directive) => [directive.name, directive.args, directive.line, directive.block])).toEqual([
      ['upstream', ['app'], 2, true],
      ['server', ['web:${APP_PORT}'], 3, false],
      ['server', [], 5, true],
      ['listen', ['443', 'ssl'], 6, false],
      ['add_header', ['X-Note', 'a; b { c }', 'always'], 7, false],
      ['location', ['^~', '/media/'], 8, true],
      ['alias', ['/srv/media files/'], 9, false],
    ]);
    const alias = config.directives.at(-1)!;
    expect(enclosing(alias, 'location')?.args).toEqual(['^~', '/media/']);
    expect(enclosing(alias, 'server')?.line).toBe(5);
  });

  it('reports unbalanced braces, a missing ";" and an unterminated quote, keeping what it read', () => {
    const unclosed = parseNginx('a.conf', 'server {\n  listen 80;\n  location / {\n    root /srv;\n  }\n');
    expect(unclosed.problems.map((problem) => [problem.location.line, problem.message])).toEqual([[1, 'a.conf: nginx configuration does not parse: "server" block opened here is never closed']]);
    expect(unclosed.directives.map((directive) => directive.name)).toEqual(['server', 'listen', 'location', 'root']);
    expect(parseNginx('b.conf', 'server {\n}\n}\n').problems[0]?.message).toBe('b.conf: nginx configuration does not parse: unexpected "}"');
    expect(parseNginx('c.conf', 'server {\n  listen 80\n}\n').problems[0]?.message).toContain('directive "listen" has no ending ";"');
    expect(parseNginx('d.conf', 'server_name "example.org;\n').problems[0]?.location.line).toBe(1);
    expect(parseNginx('e.conf', 'events {}\n').problems).toEqual([]);
  });

  it('reads Jinja and ERB templates of nginx configuration, tags as placeholders', () => {
    const jinja = 'server {\n    server_name {{ domain_name }};\n{% if tls %}\n    ssl_protocols TLSv1.2;\n{% endif %}\n    listen <%= ENV["PORT"] %>;\n}\n';
    const config = parseNginx('roles/nginx/templates/site.conf', jinja);
    expect(config.problems).toEqual([]);
    expect(config.directives.map((directive) => [directive.name, directive.line])).toEqual([['server', 1], ['server_name', 2], ['ssl_protocols', 4], ['listen', 6]]);
    // `${VAR}` is not a template tag.
    expect(parseNginx('x.conf', 'proxy_pass http://app:${PORT};\n').directives[0]?.args).toEqual(['http://app:${PORT}']);
  });

  it('stops at absurd nesting without recursion', () => {
    const config = parseNginx('deep.conf', `${'location / {\n'.repeat(5000)}`);
    expect(config.problems[0]?.message).toContain('nested deeper than 32');
    expect(config.directives.length).toBe(33);
  });
});
