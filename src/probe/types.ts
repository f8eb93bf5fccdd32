/**
 * What a live scan observed. The probe layer (I/O) fills this; scan rules (judgement) read it and
 * never do I/O themselves.
 */

/** Why a probe produced no (or only a partial) response. */
export type ProbeErrorCode =
  | 'timeout'
  | 'body-too-large'
  | 'too-many-redirects'
  | 'connect'
  | 'tls'
  | 'protocol'
  | 'budget'
  | 'refused-address';

export interface ProbeError {
  code: ProbeErrorCode;
  message: string;
}

/** Header lists keep the order and the repeats the server sent; names are lower-cased. */
export type HeaderList = [name: string, value: string][];

export interface ProbeRequest {
  method: string;
  url: string;
  /** What the probe added on top of --header/--cookie (e.g. a bogus Host, an Origin). */
  headers: Record<string, string>;
}

export interface RedirectHop {
  url: string;
  status: number;
  location?: string;
  headers: HeaderList;
}

export interface Cookie {
  name: string;
  /** The raw value is kept out of reports; only its length is recorded. */
  valueLength: number;
  secure: boolean;
  httpOnly: boolean;
  /** As sent (`Lax`, `Strict`, `None`, or anything else the server wrote); absent when not set. */
  sameSite?: string;
  path?: string;
  domain?: string;
  maxAge?: number;
  expires?: string;
  /** The URL whose response set it. */
  setBy: string;
}

export interface ProbeResponse {
  status: number;
  headers: HeaderList;
  /** The URL that produced this response, after redirects. */
  url: string;
  /** Every redirect followed to get here, in order (empty when none). */
  redirects: RedirectHop[];
  /** Decompressed and decoded, at most the body cap. */
  body: string;
  /** The body was longer than the cap (or its decompressed form was) and was cut. */
  truncated: boolean;
  /** Cookies set by the final response and by every hop before it. */
  cookies: Cookie[];
  /** Milliseconds from the first request to the response headers, and to the end of the body. */
  timing: { headersMs: number; totalMs: number };
}

export interface ProbeResult {
  id: string;
  request: ProbeRequest;
  /** Present whenever a response arrived, even when an error cut the body short. */
  response?: ProbeResponse;
  error?: ProbeError;
}

export interface CertificateInfo {
  subjectCN?: string;
  /** DNS names and IP addresses from subjectAltName. */
  subjectAltNames: string[];
  issuerCN?: string;
  validFrom: string;
  validTo: string;
  /** Negative once expired (rounded down). */
  daysToExpiry: number;
  selfSigned: boolean;
}

export type LegacyProtocol = 'TLSv1' | 'TLSv1.1';

export interface TlsObservation {
  host: string;
  port: number;
  protocol?: string;
  cipher?: string;
  /** The chain verified against the trust store (plus --ca); the hostname is judged separately. */
  authorized?: boolean;
  authorizationError?: string;
  /** Leaf first. */
  chain: CertificateInfo[];
  hostnameMatches?: boolean;
  /** true: the server completed a handshake at that version; false: it refused; absent: unknown. */
  legacy: Partial<Record<LegacyProtocol, boolean>>;
  error?: ProbeError;
}

export type StorageProvider = 's3' | 'gcs' | 'azure' | 'cloudfront';

export interface UrlSignature {
  scheme: 'aws-v4' | 'aws-v2' | 'gcs-v4' | 'gcs-v2' | 'azure-sas' | 'cloudfront';
  /** Lifetime in seconds when the URL says (X-Amz-Expires, X-Goog-Expires). */
  lifetimeSeconds?: number;
  /** Absolute expiry (ISO 8601) when the URL says (Expires, se). */
  expiresAt?: string;
}

export interface AssetUrl {
  url: string;
  /** Where it was found: `img[src]`, `script[src]`, `link[href]`, `source[srcset]`, … */
  foundIn: string;
  /** Django's conventions: a `static` or `media` path segment. */
  role: 'static' | 'media' | 'other';
  provider?: StorageProvider;
  signature?: UrlSignature;
  /** The URL that lists the bucket/container, for storage hosts. */
  listingUrl?: string;
}

export interface ScanObservations {
  /** The URL the user asked to scan. */
  target: string;
  /** The HTTPS origin the site was probed on (or the target's own origin when there is no HTTPS). */
  origin: string;
  startedAt: string;
  durationMs: number;
  probes: Record<string, ProbeResult>;
  tls?: TlsObservation;
  assets: AssetUrl[];
}

/** The ids of the fixed probes; bucket-listing probes are `bucket:<listing url>` (also the roots of custom-domain hosts asked whether they are buckets), source-map probes `source-map:<url>`. */
export const PROBE = {
  http: 'http',
  page: 'page',
  notFound: 'not-found',
  admin: 'admin',
  adminLogin: 'admin-login',
  env: 'env',
  git: 'git',
  debugToolbar: 'debug-toolbar',
  bogusHost: 'bogus-host',
  cors: 'cors',
  /** A POST of a truncated JSON body to a made-up path: body parsers that fail loudly show their error page. */
  malformedJson: 'malformed-json',
} as const;

export const BUCKET_PROBE_PREFIX = 'bucket:';

/** Source-map probes are `source-map:<map url>`: the page's own scripts with `.map` appended. */
export const SOURCE_MAP_PROBE_PREFIX = 'source-map:';
