/**
 * Django's word on where uploads go, as hints for the framework-neutral committed-uploads check:
 * MEDIA_ROOT (as a workspace folder), the `upload_to` folders of the models' FileField/ImageField, and
 * the upload folders of installed apps (Wagtail's images and documents).
 */
import type { UploadHints } from '../deploy/uploads.js';
import type { DjangoProject } from '../project/types.js';
import { baseName, isWithin, joinPath } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import { isVendoredIn } from '../workspace/vendored.js';

/** `upload_to='avatars/'`, `upload_to="docs/%Y/%m/"`: a literal folder (a callable is not followed). */
const UPLOAD_TO = /\bupload_to\s*=\s*[rbu]?(['"])([^'"\n]*)\1/g;
/** Model modules: `models.py` and the modules of a `models/` package. */
const MODEL_FILE = /(?:^|\/)(?:models\.py|models\/[^/]+\.py)$/;
/** At most this many model modules are read. */
const MAX_MODEL_FILES = 300;
/**
 * Upload folders of installed apps whose models are not in the repository: Wagtail stores uploaded
 * images in `original_images/` (and their renditions in `images/`) and documents in `documents/`.
 */
const APP_UPLOAD_DIRS: { apps: readonly string[]; dirs: readonly string[] }[] = [
  { apps: ['wagtail.images', 'wagtail.wagtailimages'], dirs: ['original_images', 'images'] },
  { apps: ['wagtail.documents', 'wagtail.wagtaildocs'], dirs: ['documents'] },
];

/** The upload folders the project's installed apps bring (`wagtail.images` → `original_images`, `images`). */
function installedAppUploadDirs(project: DjangoProject): string[] {
  const apps = project.settings?.get('INSTALLED_APPS');
  if (apps?.kind !== 'list' && apps?.kind !== 'tuple') return [];
  const installed = new Set(apps.items.flatMap((item) => (item.kind === 'str' ? [item.value.replace(/\.apps\.\w+$/, '')] : [])));
  return APP_UPLOAD_DIRS.filter(({ apps: names }) => names.some((name) => installed.has(name))).flatMap(({ dirs }) => dirs);
}

/** `avatars/` → `avatars`; `docs/%Y/%m/` → `docs`; `''` when a date part comes first (the media root itself). */
function literalFolder(uploadTo: string): string {
  const dated = uploadTo.includes('%');
  let prefix = uploadTo.split('%')[0]!.replace(/^\.?\/+/, '');
  // `docs_%Y/`: the date part is in the folder's name, so the folder is the one above it.
  if (dated && !prefix.endsWith('/')) prefix = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
  return prefix.replace(/\/+$/, '');
}

/** The upload hints of the workspace's Django projects: their MEDIA_ROOT folders, and the models' upload_to folders. */
export function djangoUploadHints(workspace: Workspace, projects: readonly DjangoProject[]): UploadHints {
  const mediaRoots = new Set<string>();
  for (const project of projects) {
    const value = project.settings?.get('MEDIA_ROOT');
    if (value?.kind !== 'str' && value?.kind !== 'path') continue;
    const path = value.value.replace(/\/+$/, '');
    if (!isWithin(path, workspace.root) || path === workspace.root) continue;
    const relative = path.slice(workspace.root.length + 1);
    // MEDIA_ROOT = BASE_DIR makes the whole project the media root: it says nothing about uploads then.
    if (!workspace.exists(joinPath(relative, 'manage.py'))) mediaRoots.add(relative);
  }
  const uploadDirs = new Set<string>(projects.flatMap(installedAppUploadDirs));
  const vendored = isVendoredIn(workspace);
  let read = 0;
  for (const path of workspace.files) {
    if (read >= MAX_MODEL_FILES) break;
    if (!MODEL_FILE.test(path) || baseName(path) === '__init__.py' || vendored(path)) continue;
    read++;
    const text = workspace.readText(path);
    if (!text.ok || !text.text.includes('upload_to')) continue;
    for (const match of text.text.matchAll(UPLOAD_TO)) {
      const folder = literalFolder(match[2]!);
      if (folder !== '') uploadDirs.add(folder);
    }
  }
  return { mediaRoots: [...mediaRoots], uploadDirs: [...uploadDirs] };
}
