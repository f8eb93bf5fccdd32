import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/frameworks.js';
import type { Finding } from '../../../src/engine/types.js';
import { makeProject, makeRepository } from '../../helpers/project.js';

const RULE = 'deploy/uploads-committed';
const MANAGE_PY = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n";
const MODELS = "from django.db import models\n\nclass Profile(models.Model):\n    photo = models.ImageField(upload_to='avatars/')\n    cv = models.FileField(upload_to=\"documents/%Y/%m/\")\n";
const PNG = '\x89PNG fake';

/** A Django project committed to git, with `files` on top. */
function project(files: Record<string, string>, settings = "from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nMEDIA_ROOT = BASE_DIR / 'media'\n"): string {
  return makeRepository({ 'manage.py': MANAGE_PY, 'mysite/__init__.py': '', 'mysite/settings.py': settings, 'accounts/models.py': MODELS, ...files });
}

async function findings(root: string): Promise<Finding[]> {
  const result = await runCheck({ root, only: [RULE] });
  expect(result.errors).toEqual([]);
  return result.findings;
}

const where = (finding: Finding): string => ('file' in finding.location ? finding.location.file : '');

describe('deploy/uploads-committed', () => {
  it('reports each upload_to folder of MEDIA_ROOT holding files, once with its count; documents medium', async () => {
    const found = await findings(
      project({
        'media/avatars/jane.jpg': PNG,
        'media/avatars/sam.png': PNG,
        'media/avatars/.gitkeep': '',
        'media/documents/2024/05/cv.pdf': '%PDF',
        'media/documents/2024/06/offer.docx': 'PK',
      }),
    );
    expect(found.map((finding) => [where(finding), finding.severity])).toEqual([
      ['media/avatars', 'low'],
      ['media/documents', 'medium'],
    ]);
    expect(found[1]!.message).toMatch(/^media\/documents holds 2 user-uploaded files \(docx, pdf\)/);
    expect(found[0]!.message).toBe(
      "media/avatars holds 2 user-uploaded files (jpg, png) tracked in git, by the upload folder 'avatars' the app's code names: uploads are data for object storage, not the repository; untrack the folder and ignore it",
    );
  });

  it('takes the media root from MEDIA_ROOT when it is not named media', async () => {
    const settings = "import os\nBASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\nMEDIA_ROOT = os.path.join(BASE_DIR, 'var', 'files')\n";
    expect((await findings(project({ 'var/files/avatars/a.jpg': PNG }, settings))).map(where)).toEqual(['var/files/avatars']);
  });

  it('does not take a MEDIA_ROOT that is the project folder itself for a media root', async () => {
    const settings = "from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nMEDIA_ROOT = BASE_DIR / 'site'\n";
    const files = { 'site/manage.py': '', 'site/avatars/a.jpg': PNG };
    expect(await findings(project(files, settings))).toEqual([]);
    expect((await findings(project({ 'site/avatars/a.jpg': PNG }, settings))).map(where)).toEqual(['site/avatars']);
  });

  it('reports a folder by the names a storage gives uploads when no model names it', async () => {
    const found = await findings(project({ 'uploads/photo.jpg': PNG, 'uploads/photo_aB3dE5f.jpg': PNG, 'uploads/extra/3f2b8c1e-9d4a-4e7b-8c2d-1a2b3c4d5e6f.png': PNG }));
    expect(found.map(where)).toEqual(['uploads', 'uploads/extra']);
    expect(found[0]!.message).toContain('by names a storage gives uploads (photo_aB3dE5f.jpg)');
  });

  it("leaves the app's own media, stand-ins, static assets, fixtures, untracked files and code folders alone", async () => {
    const root = project({
      // The app's own images: no upload folder, no stored names (a capitalised word is not a random suffix).
      'media/logo.png': PNG,
      'media/hero/Banner_Welcome.jpg': PNG,
      'media/avatars/default.jpg': PNG,
      'static/media/avatars/x_aB3dE5f.png': PNG,
      'shop/fixtures/media/avatars/demo.jpg': PNG,
      // A Django app named upload holds code.
      'upload/views.py': '',
    });
    expect(await findings(root)).toEqual([]);
    const untracked = makeProject({ 'manage.py': MANAGE_PY, 'mysite/__init__.py': '', 'mysite/settings.py': '', 'accounts/models.py': MODELS, 'media/avatars/a.jpg': PNG });
    expect(await findings(untracked)).toEqual([]);
  });

  it("reports Wagtail's image and document folders in a conventional media/ when MEDIA_ROOT points elsewhere", async () => {
    const settings =
      "import os\nBASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\n" +
      "INSTALLED_APPS = ['wagtail.images', 'wagtail.documents', 'wagtail']\nMEDIA_ROOT = os.path.join(BASE_DIR, 'mysite', 'media')\n";
    const files = {
      'media/original_images/harbour.jpg': PNG,
      'media/images/harbour.max-800x600.jpg': PNG,
      'media/images/harbour.2e16d0ba.fill-300x200.jpg': PNG,
      'media/documents/minutes.pdf': '%PDF',
      'media/avatar_images/avatar_3f2b8c1e-9d4a-4e7b-8c2d-1a2b3c4d5e6f_team.png': PNG,
    };
    const found = await findings(project(files, settings));
    expect(found.map(where)).toEqual(['media/avatar_images', 'media/documents', 'media/images', 'media/original_images']);
    expect(found[2]!.message).toContain("the upload folder 'images' the app's code names");
    expect(found[0]!.related).toEqual([{ location: { file: 'media', line: 1, column: 1 }, message: expect.stringContaining('media folder by its name') }]);
  });

  it('needs Wagtail installed for its folder names, and keeps a plain stand-in avatar a stand-in', async () => {
    const settings = "INSTALLED_APPS = ['django.contrib.admin']\n";
    const files = {
      'media/original_images/harbour.jpg': PNG,
      'media/images/harbour.max-800x600.jpg': PNG,
      'media/avatar_images/avatar.png': PNG,
      'media/avatar_images/avatar_team.png': PNG,
    };
    expect(await findings(project(files, settings))).toEqual([]);
  });
});
