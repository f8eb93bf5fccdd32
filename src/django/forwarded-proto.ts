/**
 * Whether the app server itself turns the platform's X-Forwarded-Proto into wsgi.url_scheme /
 * the ASGI scheme, which Django's request.is_secure() reads when SECURE_PROXY_SSL_HEADER is unset.
 * gunicorn and uvicorn do so for requests from FORWARDED_ALLOW_IPS (default 127.0.0.1 only).
 */
import type { FileLocation } from '../core/location.js';
import type { DjangoProject } from '../project/types.js';
import { buildpackProcfile } from './buildpack.js';

const SERVER = /\b(gunicorn|uvicorn)\b/;

export interface ForwardedProtoTrust {
  /** e.g. `gunicorn trusts X-Forwarded-Proto (the Heroku Python buildpack sets FORWARDED_ALLOW_IPS='*')`. */
  reason: string;
  location: FileLocation;
}

export function serverTrustsForwardedProto(project: DjangoProject): ForwardedProtoTrust | undefined {
  const { deploy } = project;
  const web = deploy.commands.find((command) => SERVER.test(command.text));
  if (!web) return undefined;
  const server = SERVER.exec(web.text)![1];
  if (/--forwarded-allow-ips\b/.test(web.text)) return { reason: `${server} trusts X-Forwarded-Proto (--forwarded-allow-ips)`, location: web.location };
  const allowed = project.environment.get('FORWARDED_ALLOW_IPS');
  if (allowed && allowed.value !== '127.0.0.1') {
    return { reason: `${server} trusts X-Forwarded-Proto (FORWARDED_ALLOW_IPS is set: ${allowed.source.label})`, location: allowed.source.location ?? web.location };
  }
  if (web.kind === 'procfile' && buildpackProcfile(project)?.path === web.location.file) {
    return { reason: `${server} trusts X-Forwarded-Proto (the Heroku Python buildpack sets FORWARDED_ALLOW_IPS='*')`, location: web.location };
  }
  return undefined;
}
