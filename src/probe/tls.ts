/**
 * The TLS probe (node:tls): one handshake for the protocol, cipher, chain, trust and hostname, and
 * one handshake per legacy protocol to see whether the server still accepts it.
 *
 * OpenSSL 3 in Node refuses to even offer TLS 1.0/1.1 at its default security level (the client
 * fails with ERR_SSL_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED before the server can answer), so the
 * legacy probes lower the client to `DEFAULT@SECLEVEL=0`. Only a completed handshake counts as
 * "accepted"; an alert or a reset counts as "refused"; a timeout leaves it unknown.
 */
import { connect, checkServerIdentity } from 'node:tls';
import type { ConnectionOptions, DetailedPeerCertificate, PeerCertificate, TLSSocket } from 'node:tls';
import { isIP } from 'node:net';
import { guardedLookup, refuseLiteralHost } from './guard.js';
import type { CertificateInfo, LegacyProtocol, ProbeError, TlsObservation } from './types.js';

export interface TlsProbeOptions {
  ca?: string;
  guard?: boolean;
  timeoutMs: number;
}

const DAY_MS = 86_400_000;

function commonName(name: unknown): string | undefined {
  const cn = (name as Record<string, string | string[]> | undefined)?.CN;
  return Array.isArray(cn) ? cn[0] : cn;
}

function certificateInfo(cert: PeerCertificate, now: number): CertificateInfo {
  const validTo = Date.parse(cert.valid_to);
  const detailed = cert as DetailedPeerCertificate;
  return {
    ...(commonName(cert.subject) ? { subjectCN: commonName(cert.subject) } : {}),
    subjectAltNames: (cert.subjectaltname ?? '')
      .split(',')
      .map((entry) => entry.trim().replace(/^(DNS|IP Address):/, ''))
      .filter(Boolean),
    ...(commonName(cert.issuer) ? { issuerCN: commonName(cert.issuer) } : {}),
    validFrom: new Date(Date.parse(cert.valid_from)).toISOString(),
    validTo: new Date(validTo).toISOString(),
    daysToExpiry: Math.floor((validTo - now) / DAY_MS),
    selfSigned: detailed.issuerCertificate === detailed || detailed.fingerprint256 === detailed.issuerCertificate?.fingerprint256,
  };
}

function chainOf(leaf: DetailedPeerCertificate, now: number): CertificateInfo[] {
  const chain: CertificateInfo[] = [];
  const seen = new Set<string>();
  let cert: DetailedPeerCertificate | undefined = leaf;
  while (cert && Object.keys(cert).length && !seen.has(cert.fingerprint256) && chain.length < 10) {
    seen.add(cert.fingerprint256);
    chain.push(certificateInfo(cert, now));
    cert = cert.issuerCertificate;
  }
  return chain;
}

function handshake(options: ConnectionOptions, timeoutMs: number, signal: AbortSignal): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(options);
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(Object.assign(new Error(`TLS handshake did not finish within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    const onAbort = () => fail(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' }));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      fail(error);
    });
    socket.once('close', () => fail(Object.assign(new Error('connection closed during the TLS handshake'), { code: 'ECONNRESET' })));
  });
}

function tlsError(error: unknown, budget: AbortSignal): ProbeError {
  const { code, message } = error as { code?: string; message?: string };
  if (budget.aborted) return { code: 'budget', message: 'the scan budget ran out before the TLS probe finished' };
  if (code === 'ETIMEDOUT') return { code: 'timeout', message: message ?? 'timeout' };
  if (code === 'ERR_REFUSED_ADDRESS') return { code: 'refused-address', message: message ?? 'refused' };
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH') {
    return { code: 'connect', message: message ?? String(code) };
  }
  return { code: 'tls', message: code ? `${code}: ${message}` : (message ?? String(error)) };
}

function baseOptions(host: string, port: number, options: TlsProbeOptions): ConnectionOptions {
  return {
    host,
    port,
    // SNI must be a name, never an IP address.
    ...(isIP(host) ? {} : { servername: host }),
    ...(options.ca ? { ca: options.ca } : {}),
    ...(options.guard ? { lookup: guardedLookup } : {}),
    rejectUnauthorized: false,
    ALPNProtocols: ['http/1.1'],
  };
}

/** Whether the server completes a handshake at exactly `version`: true, false (refused) or undefined (unknown). */
export async function acceptsLegacy(
  host: string,
  port: number,
  version: LegacyProtocol,
  options: TlsProbeOptions,
  signal: AbortSignal,
): Promise<boolean | undefined> {
  if (options.guard && refuseLiteralHost(host)) return undefined;
  try {
    const socket = await handshake(
      { ...baseOptions(host, port, options), minVersion: version, maxVersion: version, ciphers: 'DEFAULT@SECLEVEL=0' },
      options.timeoutMs,
      signal,
    );
    socket.destroy();
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ETIMEDOUT' || code === 'ABORT_ERR' || code === 'ECONNREFUSED' || code === 'ERR_REFUSED_ADDRESS' || code === 'ENOTFOUND') return undefined;
    return false;
  }
}

/** The main handshake: protocol, cipher, chain, trust, hostname. Never throws. */
export async function inspectTls(host: string, port: number, options: TlsProbeOptions, budget: AbortSignal): Promise<TlsObservation> {
  const observation: TlsObservation = { host, port, chain: [], legacy: {} };
  const refusal = options.guard ? refuseLiteralHost(host) : undefined;
  if (refusal) {
    observation.error = { code: 'refused-address', message: refusal };
    return observation;
  }
  try {
    // Trust is judged without the hostname (checkServerIdentity below does that), so the two stay apart.
    const socket = await handshake({ ...baseOptions(host, port, options), checkServerIdentity: () => undefined }, options.timeoutMs, budget);
    const leaf = socket.getPeerCertificate(true);
    const cipher = socket.getCipher();
    observation.protocol = socket.getProtocol() ?? undefined;
    observation.cipher = cipher?.standardName ?? cipher?.name;
    observation.authorized = socket.authorized;
    if (socket.authorizationError) observation.authorizationError = String(socket.authorizationError);
    if (leaf && Object.keys(leaf).length) {
      observation.chain = chainOf(leaf, Date.now());
      observation.hostnameMatches = checkServerIdentity(host, leaf) === undefined;
    }
    socket.destroy();
  } catch (error) {
    observation.error = tlsError(error, budget);
  }
  return observation;
}
