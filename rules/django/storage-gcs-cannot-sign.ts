/**
 * django/storage-gcs-cannot-sign — media on GCS needs signed URLs, but on Cloud Run / App Engine the
 * default compute credentials hold no private key, so `url()` fails unless credentials or IAM
 * SignBlob are configured.
 */
import { defineRule, describeOption, effectiveAcl, explainOptions, platformsOf, resolveStorage, truthy } from '../../src/api/django.js';

const KEYLESS_PLATFORMS = { 'cloud-run': 'Cloud Run', 'app-engine': 'App Engine' } as const;

export default defineRule({
  id: 'django/storage-gcs-cannot-sign',
  title: 'Google Cloud Storage cannot sign media URLs on this platform',
  severity: 'high',
  docs: {
    why:
      'With GS_QUERYSTRING_AUTH on and no "publicRead" ACL, GoogleCloudStorage.url() builds a v4 signed URL, which ' +
      'needs a private key. On Cloud Run and App Engine the default credentials come from the metadata server and ' +
      'have no key, so every media URL raises while the page renders. django-storages can sign without a key ' +
      'through the IAM SignBlob API (GS_IAM_SIGN_BLOB = True, the service account needs ' +
      'roles/iam.serviceAccountTokenCreator), or with explicit GS_CREDENTIALS / GOOGLE_APPLICATION_CREDENTIALS.',
    fix:
      'Sign through IAM (django-storages 1.14+):\n\n' +
      'GS_IAM_SIGN_BLOB = True\n' +
      'GS_SA_EMAIL = os.environ.get("GS_SA_EMAIL")  # optional: defaults to the runtime service account',
    refs: [
      'https://django-storages.readthedocs.io/en/latest/backends/gcloud.html',
      'https://cloud.google.com/storage/docs/access-control/signing-urls-with-helpers',
    ],
  },
  check(ctx) {
    const platforms = platformsOf(ctx.project.production).flatMap((platform) =>
      platform === 'cloud-run' || platform === 'app-engine' ? [KEYLESS_PLATFORMS[platform]] : [],
    );
    if (platforms.length === 0 || ctx.project.environment.get('GOOGLE_APPLICATION_CREDENTIALS')) return;
    const media = resolveStorage(ctx.project, ctx.workspace, 'default');
    if (media?.backend !== 'gcs') return;
    const auth = media.option('querystring_auth');
    const acl = effectiveAcl(media);
    const credentials = media.option('credentials');
    const signBlob = media.option('iam_sign_blob');
    if (!auth || !acl || !credentials || !signBlob) return;
    if (truthy(auth.value) !== true || truthy(credentials.value) !== false || truthy(signBlob.value) !== false) return;
    if (acl.value.kind !== 'none' && (acl.value.kind !== 'str' || acl.value.value === 'publicRead')) return;
    const { confidence, related } = explainOptions([auth, signBlob], media.location);
    ctx.report({
      location: media.location,
      confidence,
      related,
      message:
        `Media storage ${media.className} signs its URLs (${describeOption(auth)}) but runs on ${platforms.join(' / ')} ` +
        `with no GS_CREDENTIALS, no GOOGLE_APPLICATION_CREDENTIALS and ${describeOption(signBlob)}: the default ` +
        'credentials cannot sign, so rendering a media URL fails',
      snippet: `${media.className} gcs signing`,
    });
  },
});
