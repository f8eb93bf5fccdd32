/**
 * Real servers for the live-scan integration tests, on 127.0.0.1 only: the fixtures/livesite Django
 * project under Debian's gunicorn, Debian's nginx terminating TLS in front of it, and the Node fixtures
 * under this `node`. Every process
 * is started on ports found by binding :0, its output is kept for failure messages, and `stop()`
 * always ends it (SIGTERM, then SIGKILL).
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LIVESITE_DIR = fileURLToPath(new URL('../../fixtures/livesite/', import.meta.url));
export const GUNICORN = '/usr/bin/gunicorn';
export const NGINX = '/usr/sbin/nginx';
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;
const MAX_LOG_CHARS = 20_000;

/** Debian's gunicorn runs /usr/bin/python3, which must have Django. */
export function gunicornAvailable(): boolean {
  return existsSync(GUNICORN) && spawnSync('/usr/bin/python3', ['-c', 'import django'], { stdio: 'ignore' }).status === 0;
}

export function nginxAvailable(): boolean {
  return existsSync(NGINX) && spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
}

/** A port nobody listens on right now (bind :0, read it, close). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface Service {
  name: string;
  /** Everything the process printed so far (capped), for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

class ManagedProcess implements Service {
  private output = '';
  private exited: Promise<void>;
  private exitCode: number | null | undefined;

  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-MAX_LOG_CHARS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitCode = code;
        this.output += `\n[${name} exited: ${signal ?? code}]`;
        resolve();
      });
      child.once('error', (error) => {
        this.exitCode = -1;
        this.output += `\n[${name} failed to start: ${error.message}]`;
        resolve();
      });
    });
  }

  logs(): string {
    return `----- ${this.name} -----\n${this.output}`;
  }

  /** Resolve once `port` accepts connections; fail (with the logs) if the process dies or time runs out. */
  async waitFor(port: number): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.exitCode !== undefined) throw new Error(`${this.name} exited before listening on ${port}\n${this.logs()}`);
      if (await accepts(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.name} did not listen on ${port} within ${START_TIMEOUT_MS} ms\n${this.logs()}`);
  }

  async stop(): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

export type LivesiteSettings = 'insecure' | 'hardened';

/** gunicorn serving fixtures/livesite with one of its two settings modules. */
export async function startGunicorn(settings: LivesiteSettings, scratch: string): Promise<Service & { port: number }> {
  const port = await freePort();
  const child = spawn(
    GUNICORN,
    ['--bind', `127.0.0.1:${port}`, '--chdir', LIVESITE_DIR, '--workers', '1', '--threads', '8', '--graceful-timeout', '2', 'livesite.wsgi:application'],
    {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        DJANGO_SETTINGS_MODULE: `livesite.settings.${settings}`,
        LIVESITE_DB: join(scratch, 'db.sqlite3'),
        // Keep the fixture directory free of __pycache__.
        PYTHONDONTWRITEBYTECODE: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const service = new ManagedProcess(`gunicorn (${settings})`, child);
  try {
    await service.waitFor(port);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return Object.assign(service, { port });
}

/** A Node server script (a fixture's server.js) on 127.0.0.1, told its port and host through PORT and HOST. */
export async function startNodeServer(script: string, env: Record<string, string> = {}): Promise<Service & { port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const service = new ManagedProcess(`node ${script}`, child);
  try {
    await service.waitFor(port);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return Object.assign(service, { port });
}

export interface NginxOptions {
  /** The leaf the TLS server presents. */
  tls: { key: string; cert: string };
  /** gunicorn's port. */
  upstream: number;
  scratch: string;
}

/** The nginx configuration of the hardened deployment (exported so the comparison doc can show it). */
export function nginxConfig(dir: string, ports: { http: number; https: number; upstream: number }): string {
  const user = process.getuid?.() === 0 ? 'user root root;\n' : '';
  return `${user}worker_processes 1;
events { worker_connections 128; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  types { text/html html; text/css css; image/svg+xml svg; }
  default_type application/octet-stream;
  server_tokens off;

  server {
    listen 127.0.0.1:${ports.http};
    return 301 https://$host:${ports.https}$request_uri;
  }

  server {
    listen 127.0.0.1:${ports.https} ssl;
    ssl_certificate ${dir}/leaf.pem;
    ssl_certificate_key ${dir}/leaf.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    # Plain HTTP sent to this port (the Observatory tries both schemes on one port) is redirected too.
    error_page 497 =301 https://$host:$server_port$request_uri;

    location ~ /\\. { return 404; }
    location /static/ { alias ${LIVESITE_DIR}static/; }
    location /media/ { alias ${LIVESITE_DIR}media/; }
    location / {
      proxy_pass http://127.0.0.1:${ports.upstream};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-For $remote_addr;
    }
  }
}
`;
}

/** nginx in the foreground with a generated config in its own directory, terminating TLS for gunicorn. */
export async function startNginx(options: NginxOptions): Promise<Service & { httpPort: number; httpsPort: number }> {
  const dir = mkdtempSync(join(options.scratch, 'nginx-'));
  for (const sub of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'logs']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'leaf.pem'), options.tls.cert);
  writeFileSync(join(dir, 'leaf.key'), options.tls.key, { mode: 0o600 });
  const httpPort = await freePort();
  const httpsPort = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, { http: httpPort, https: httpsPort, upstream: options.upstream }));
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', 'stderr', '-g', `daemon off; pid ${dir}/nginx.pid; error_log stderr;`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const service = new ManagedProcess('nginx', child);
  try {
    await service.waitFor(httpsPort);
    await service.waitFor(httpPort);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return Object.assign(service, { httpPort, httpsPort });
}

/** A scratch directory removed by the returned function. */
export function scratchDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'deploycheck-live-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
