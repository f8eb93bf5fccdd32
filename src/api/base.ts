/**
 * What every rule API shares: locations, severities, the report a rule hands in, the workspace and
 * its path helpers, secret masking. Rules import it through their kind's module (src/api/django.ts,
 * src/api/web.ts, src/api/workspace.ts), never directly.
 */
export { isFileLocation } from '../core/location.js';
export type { FileLocation, Location, UrlLocation } from '../core/location.js';
export { maskSecret } from '../core/mask.js';
export type { Confidence, Severity } from '../core/severity.js';
export type { Report, RuleDocs } from '../engine/types.js';
export { baseName, dirName, joinPath } from '../workspace/paths.js';
export type { Workspace } from '../workspace/types.js';
