/**
 * Cloud storage behind a custom domain (media.example.com CNAMEd to a bucket): the host name says
 * nothing, but the responses do — S3, GCS and Azure Blob each send their own headers and XML errors.
 * Pure: the scan probes a candidate host's root and asks this module what answered.
 */
import { firstHeader } from './headers.js';
import { siteOf } from './scripts.js';
import type { AssetUrl, ProbeResponse, StorageProvider } from './types.js';

const AZURE_ERRORS = /<Code>(ResourceNotFound|ContainerNotFound|BlobNotFound|AuthenticationFailed|AuthorizationFailure|PublicAccessNotPermitted|InvalidQueryParameterValue|InvalidUri)<\/Code>/;
const BUCKET_ERRORS = /<Error>\s*<Code>(AccessDenied|NoSuchKey|NoSuchBucket|AllAccessDisabled|InvalidBucketName|UserProjectAccountProblem)<\/Code>/;

/** Which storage service produced a response, judged by its headers and then its body; undefined when none. */
export function storageFromResponse(response: ProbeResponse): StorageProvider | undefined {
  const names = new Set(response.headers.map(([name]) => name));
  const server = firstHeader(response.headers, 'server') ?? '';
  if (names.has('x-ms-request-id') && (names.has('x-ms-version') || /Windows-Azure-Blob/i.test(server))) return 'azure';
  if ([...names].some((name) => /^x-goog-(generation|metageneration|stored-content-length|storage-class|hash)$/.test(name)) || names.has('x-guploader-uploadid')) return 'gcs';
  if (names.has('x-amz-request-id') || names.has('x-amz-id-2') || server === 'AmazonS3') return 's3';
  const body = response.body.slice(0, 4096);
  if (/<EnumerationResults[\s>]/.test(body) || (AZURE_ERRORS.test(body) && /RequestId:/.test(body))) return 'azure';
  // GCS's XML API mimics S3's, but its errors carry <Details> and its listings its own namespace.
  if (BUCKET_ERRORS.test(body) || /<ListBucketResult[\s>]/.test(body)) return /<Details>|doc\.s3\.amazonaws\.com\/2006-03-01/.test(body) ? 'gcs' : 's3';
  return undefined;
}

/** The elements that load content (images, video, embeds), as opposed to scripts, styles and links. */
export const MEDIA_ELEMENT = /^(img|video|audio|source|embed|object)\[/;

/**
 * Whether the images a page shows from a bucket host are uploads whatever their path
 * (media.example.com/a1b2.png): only when the host serves none of the page's scripts, styles or
 * `static` paths, since a host that does is the static files' host and its images are static too.
 */
export function holdsUploads(assets: readonly AssetUrl[], origin: string): boolean {
  return !assets.some((asset) => new URL(asset.url).origin === origin && (asset.role === 'static' || !MEDIA_ELEMENT.test(asset.foundIn)));
}

/**
 * The roots of the hosts to ask "are you a bucket?": origins of static/media paths or of images and
 * media that no host name identified, other than the page's own; hosts of the page's own site first
 * (media.example.com for www.example.com), at most `max`.
 */
export function storageCandidates(assets: AssetUrl[], pageUrl: string, max: number): string[] {
  const page = new URL(pageUrl);
  const roots = new Map<string, boolean>();
  for (const asset of assets) {
    if (asset.provider || (asset.role === 'other' && !MEDIA_ELEMENT.test(asset.foundIn))) continue;
    const url = new URL(asset.url);
    if (url.origin !== page.origin && !roots.has(`${url.origin}/`)) roots.set(`${url.origin}/`, siteOf(url.hostname) === siteOf(page.hostname));
  }
  const ordered = [...roots].sort(([, a], [, b]) => Number(b) - Number(a));
  return ordered.slice(0, max).map(([root]) => root);
}
