/**
 * Reusable in-process servers for probe tests, on 127.0.0.1 only: certificates from a throwaway local
 * CA (openssl), a route-table HTTP(S) server, and hostile servers that misbehave on purpose.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import type { TlsOptions } from 'node:tls';

export interface Certificates {
  /** PEM of the local CA: pass it as `ca` / --ca. */
  ca: string;
  caFile: string;
  /** Valid for 127.0.0.1 and localhost. */
  valid: { key: string; cert: string };
  /** Expired yesterday. */
  expired: { key: string; cert: string };
  /** Valid, but for wrong.example only. */
  wrongHost: { key: string; cert: string };
  cleanup(): void;
}

function openssl(dir: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function leaf(dir: string, name: string, san: string, dates: { start?: string; end?: string; days?: number }): { key: string; cert: string } {
  openssl(dir, 'req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-subj', `/CN=${name}`, '-out', `${name}.csr`);
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\n`);
  if (dates.days !== undefined) {
    openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', String(dates.days), '-extfile', `${name}.ext`, '-out', `${name}.pem`);
  } else {
    // An expired certificate needs explicit dates: `openssl ca` takes them, `x509 -req` does not (OpenSSL 3.0).
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(
      join(dir, 'ca.cnf'),
      `[ca]\ndefault_ca=local\n[local]\ndir=.\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial.txt\ndefault_md=sha256\npolicy=any\ncopy_extensions=copy\n[any]\ncommonName=supplied\n`,
    );
    writeFileSync(join(dir, 'serial.txt'), '1000\n');
    openssl(dir, 'ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-in', `${name}.csr`, '-startdate', dates.start!, '-enddate', dates.end!, '-extfile', `${name}.ext`, '-out', `${name}.pem`, '-notext');
  }
  return { key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.pem`), 'utf8') };
}

/** A local CA and three leaves signed by it. Takes a second or two (RSA key generation). */
export function makeCertificates(): Certificates {
  const dir = mkdtempSync(join(tmpdir(), 'deploycheck-certs-'));
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=deploycheck test CA');
  const valid = leaf(dir, 'valid', 'IP:127.0.0.1,DNS:localhost', { days: 90 });
  const wrongHost = leaf(dir, 'wrong', 'DNS:wrong.example', { days: 90 });
  const expired = leaf(dir, 'expired', 'IP:127.0.0.1,DNS:localhost', { start: '20200101000000Z', end: '20200201000000Z' });
  return {
    ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    caFile: join(dir, 'ca.pem'),
    valid,
    expired,
    wrongHost,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface Running {
  port: number;
  url: string;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function track(server: Server | ReturnType<typeof createNetServer>): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

async function listen(server: Server | ReturnType<typeof createNetServer>, scheme: string): Promise<Running> {
  const sockets = track(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `${scheme}://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function startHttp(handler: Handler): Promise<Running> {
  return listen(createHttpServer(handler), 'http');
}

export function startHttps(tls: TlsOptions, handler: Handler): Promise<Running> {
  return listen(createHttpsServer(tls, handler), 'https');
}

/** A raw TCP server: `onSocket` decides everything that is (not) sent. */
export function startTcp(onSocket: (socket: Socket) => void, scheme = 'http'): Promise<Running> {
  return listen(createNetServer(onSocket), scheme);
}

/** A raw TLS server (for legacy-protocol and handshake tests). */
export function startTls(options: TlsOptions, onSocket: (socket: Socket) => void = (s) => s.end()): Promise<Running> {
  const server = createTlsServer(options, onSocket);
  return listen(server as unknown as ReturnType<typeof createNetServer>, 'https');
}

/** A route table: path → handler; anything else is a plain 404. */
export function routes(table: Record<string, Handler>, fallback?: Handler): Handler {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const handler = table[path] ?? fallback;
    if (handler) return handler(req, res);
    res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
  };
}

/** The body of Django's technical 404 (DEBUG = True), trimmed to what matters, U+2019 apostrophe included. */
export function djangoDebug404(path: string): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><title>Page not found at ${path}</title>` +
    '<meta name="robots" content="NONE,NOARCHIVE"></head><body><div id="summary"><h1>Page not found <span>(404)</span></h1></div>' +
    '<div id="info"><p>Using the URLconf defined in <code>mysite.urls</code>, Django tried these URL patterns, in this order:</p>' +
    '<ol><li>admin/</li></ol></div><div id="explanation"><p>You\u2019re seeing this error because you have <code>DEBUG = True</code> in ' +
    'your Django settings file. Change that to <code>False</code>, and Django will display a standard 404 page.</p></div></body></html>'
  );
}

/** The Django admin login page, as its default templates render it. */
export function djangoAdminLogin(): string {
  return (
    '<!DOCTYPE html><html><head><title>Log in | Django site admin</title>' +
    '<link rel="stylesheet" href="/static/admin/css/base.css"></head><body class="login">' +
    '<div id="header"><div id="branding"><h1 id="site-name"><a href="/admin/">Django administration</a></h1></div></div>' +
    '<form action="/admin/login/" method="post" id="login-form"><input type="hidden" name="csrfmiddlewaretoken" value="x">' +
    '<input type="text" name="username" id="id_username"><input type="password" name="password" id="id_password"></form></body></html>'
  );
}
