/**
 * Committed user uploads: folders of a media root (the one a framework names, else a conventional
 * `media/` or `uploads/`) that hold files people upload (photos, PDFs, office documents) rather than
 * the app's own images. Framework-neutral: a framework only passes hints (its media roots, the
 * upload folders its models name).
 */
import { pathContext } from '../secrets/paths.js';
import { baseName, dirName, extensionOf, isWithin, joinPath } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';

const IMAGE = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'heic', 'heif', 'bmp', 'tif', 'tiff', 'avif']);
const DOCUMENT = new Set(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'rtf', 'csv']);
const MEDIA = new Set(['mp4', 'mov', 'avi', 'webm', 'mp3', 'wav', 'm4a', 'zip']);
/** Folder names that hold uploads by convention. */
const MEDIA_ROOT_NAME = /^(?:media|mediafiles|media_root|uploads?|user[-_]?uploads|usermedia|user[-_]?media)$/i;
/** Folders of the app's own files: what sits below them ships with the app, whatever it is called. */
const SHIPPED_DIR = /(?:^|\/)(?:static|staticfiles|assets|public\/static|build|dist|node_modules|site-packages|docs?|examples?|samples?)\//i;
/** The app's stand-ins: a default avatar, a placeholder, a logo. */
const STAND_IN_FILE = /^(?:default|placeholder|blank|dummy|sample|no[-_]?(?:image|photo|avatar|img)|missing|logo|favicon|avatar)(?:[-_.]|$)/i;
/**
 * Names a storage gives a stored upload: Django's de-duplication suffix (`photo_aB3dE5f.jpg`, seven
 * random letters and digits), a UUID (alone or as a part: `avatar_<uuid>.png`) or 32-hex name, a millisecond timestamp prefix (multer's
 * `Date.now()-name`).
 */
const STORED_NAME = /_(?=[A-Za-z0-9]{7}$)(?![A-Z][a-z]{6}$)(?=[^_]*[A-Z])(?=[^_]*[a-z0-9])[A-Za-z0-9]{7}$|(?:^|[-_.])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=$|[-_.])|^[0-9a-f]{32}$|^1\d{12}[-_]/i;

export interface UploadHints {
  /** Workspace-relative media roots a framework names (Django's MEDIA_ROOT). */
  mediaRoots: readonly string[];
  /** Upload folders relative to a media root (Django `upload_to='avatars/'`; a `%Y` part and what follows dropped). */
  uploadDirs: readonly string[];
}

export interface UploadFolder {
  /** The upload folder the code names (its dated subfolders included), else the folder that holds the files; workspace-relative. */
  folder: string;
  mediaRoot: string;
  files: string[];
  /** Extensions found, most frequent first. */
  kinds: string[];
  documents: number;
  /** What says these are uploads: the upload folder the code names, or a stored name (`photo_aB3dE5f.jpg`). */
  why: string;
  /** The media root is a conventionally named folder, not one the framework names (MEDIA_ROOT points elsewhere or is unknown). */
  conventionalRoot: boolean;
}

function isUserLike(path: string): boolean {
  const ext = extensionOf(baseName(path));
  return IMAGE.has(ext) || DOCUMENT.has(ext) || MEDIA.has(ext);
}

function stem(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? name : name.slice(0, dot);
}

/** A stand-in name (`avatar.png`), unless the storage named it (`avatar_<uuid>.png` is someone's upload). */
function isStandIn(path: string): boolean {
  return STAND_IN_FILE.test(baseName(path)) && !STORED_NAME.test(stem(path));
}

/** The media root a file lies under: the nearest framework-named root, else the nearest conventionally named folder. */
function mediaRootOf(path: string, roots: readonly string[]): string | undefined {
  const named = roots.filter((root) => isWithin(path, root)).sort((a, b) => b.length - a.length)[0];
  if (named !== undefined) return named;
  const parts = path.split('/');
  for (let index = parts.length - 2; index >= 0; index--) if (MEDIA_ROOT_NAME.test(parts[index]!)) return parts.slice(0, index + 1).join('/');
  return undefined;
}

/**
 * The tracked folders of user uploads: under a media root, outside shipped-asset, test, fixture and
 * docs folders, holding upload-like files (images, documents, recordings) other than stand-ins (a
 * default avatar, a logo), and said to be uploads by the folder (an upload folder the framework
 * names) or by the names (a storage's de-duplication suffix, a UUID). An app's own `media/logo.png`
 * says neither.
 */
export function committedUploads(workspace: Workspace, readHints: () => UploadHints): UploadFolder[] {
  const candidates = workspace.files.filter((path) => isUserLike(path) && !SHIPPED_DIR.test(path) && pathContext(path) === undefined && !isStandIn(path));
  // Most repositories hold no such file: the hints (which read settings and models) are not needed then.
  if (candidates.length === 0) return [];
  const hints = readHints();
  // Files grouped by their upload folder (`media/documents` for `media/documents/2024/05/cv.pdf`), else their own folder.
  const groups = new Map<string, { mediaRoot: string; uploadDir?: string; files: string[] }>();
  for (const path of candidates) {
    const mediaRoot = mediaRootOf(path, hints.mediaRoots);
    if (mediaRoot === undefined || workspace.isTracked(path) !== true) continue;
    const folder = dirName(path);
    const inside = mediaRoot === '' ? folder : folder.slice(mediaRoot.length + 1);
    const uploadDir = hints.uploadDirs.find((dir) => dir !== '' && (inside === dir || isWithin(inside, dir)));
    const key = uploadDir === undefined ? folder : joinPath(mediaRoot, uploadDir);
    const group = groups.get(key) ?? { mediaRoot, ...(uploadDir !== undefined ? { uploadDir } : {}), files: [] };
    group.files.push(path);
    groups.set(key, group);
  }
  const found: UploadFolder[] = [];
  for (const [folder, { mediaRoot, uploadDir, files }] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const stored = files.find((file) => STORED_NAME.test(stem(file)));
    if (uploadDir === undefined && stored === undefined) continue;
    const counts = new Map<string, number>();
    for (const file of files) counts.set(extensionOf(baseName(file)), (counts.get(extensionOf(baseName(file))) ?? 0) + 1);
    found.push({
      folder,
      mediaRoot,
      files,
      kinds: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([ext]) => ext),
      documents: files.filter((file) => DOCUMENT.has(extensionOf(baseName(file)))).length,
      conventionalRoot: !hints.mediaRoots.includes(mediaRoot),
      why: uploadDir !== undefined ? `the upload folder '${uploadDir}' the app's code names` : `names a storage gives uploads (${baseName(stored!)})`,
    });
  }
  return found;
}
