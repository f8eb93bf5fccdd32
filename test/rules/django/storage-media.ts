/** STORAGES whose default (media) backend is one object store, for the storage rule tests. */
export const S3_MEDIA = "STORAGES = {'default': {'BACKEND': 'storages.backends.s3.S3Storage'}}\n";
export const GCS_MEDIA = "STORAGES = {'default': {'BACKEND': 'storages.backends.gcloud.GoogleCloudStorage'}}\n";
