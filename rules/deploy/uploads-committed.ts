/** deploy/uploads-committed — user-uploaded files are tracked in git. */
import { committedUploads, defineWorkspaceRule, djangoUploadHints, isDjangoProject } from '../../src/api/workspace.js';

/** Where the folder's media root comes from: the framework's setting, or its conventional name. */
function mediaRootNote(root: string, conventional: boolean): string {
  return conventional ? `${root} is a media folder by its name (the settings' media root is elsewhere or unknown)` : `${root} is the media root the settings name`;
}

export default defineWorkspaceRule({
  id: 'deploy/uploads-committed',
  title: 'User uploads are committed',
  severity: 'low',
  docs: {
    why:
      'Files users upload (profile photos, CVs, certificates, invoices) are data, not code. Committed, they are ' +
      'published to everyone who can read the repository and stay in its history after deletion, and they are often ' +
      'personal data. They also show that uploads were written to the app\'s own folder: on Heroku, Render, Fly or ' +
      'Cloud Run that disk is ephemeral, so production uploads vanish at the next deploy or restart, and a deploy ' +
      'overwrites the live folder with the committed copy. Reported once per folder with its file count, for folders ' +
      'of a media root (Django\'s MEDIA_ROOT when the settings name it, else a folder named media/ or uploads/) that ' +
      'hold images, documents or recordings and are said to be uploads: the folder is one the code uploads into ' +
      '(a model\'s upload_to) or the file names are the ones a storage gives (a random suffix such as ' +
      '`photo_aB3dE5f.jpg`, a UUID). An app\'s own images in media/ (a logo, a default avatar) say neither and are ' +
      'left alone, as are static/, assets/, tests, fixtures and docs. Low, or medium when documents (PDF, office ' +
      'files, CSV) are among them, as those are the likeliest to be personal.',
    fix:
      'Untrack the folder and ignore it, keep the app\'s own images in static files, and store uploads on object ' +
      'storage (django-storages with S3/GCS, a Render disk or Fly volume at least):\n\n' +
      'git rm -r --cached media/profile_pics\necho "media/" >> .gitignore\n\n' +
      'Tell the people whose files were published if they are personal; rewrite the history (git filter-repo) to ' +
      'remove them from it.',
    refs: [
      'https://docs.djangoproject.com/en/stable/topics/files/',
      'https://docs.djangoproject.com/en/stable/ref/models/fields/#django.db.models.FileField.upload_to',
      'https://devcenter.heroku.com/articles/active-storage-on-heroku',
      'https://django-storages.readthedocs.io/',
    ],
  },
  check(ctx) {
    for (const upload of committedUploads(ctx.workspace, () => djangoUploadHints(ctx.workspace, ctx.projects.filter(isDjangoProject)))) {
      if (ctx.focus && !upload.files.some((file) => ctx.focus!.has(file))) continue;
      const count = upload.files.length;
      const kinds = upload.kinds.slice(0, 4).join(', ');
      ctx.report({
        message:
          `${upload.folder} holds ${count} user-uploaded file${count === 1 ? '' : 's'} (${kinds}) tracked in git, by ${upload.why}: ` +
          'uploads are data for object storage, not the repository; untrack the folder and ignore it',
        ...(upload.documents > 0 ? { severity: 'medium' as const } : {}),
        location: { file: upload.folder, line: 1, column: 1 },
        ...(upload.mediaRoot !== '' && upload.mediaRoot !== upload.folder
          ? { related: [{ location: { file: upload.mediaRoot, line: 1, column: 1 }, message: mediaRootNote(upload.mediaRoot, upload.conventionalRoot) }] }
          : {}),
        about: `${upload.folder} uploads`,
      });
    }
  },
});
