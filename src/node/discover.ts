/**
 * Which package.json files are Node projects: those whose dependencies name a server framework
 * (express, next, @nestjs/core, fastify, koa), outside installed packages, build output and
 * vendored folders. A workspace root that only lists workspaces is not a project; its packages are.
 */
import { isVendoredIn } from '../workspace/vendored.js';
import { baseName, dirName, isWithin } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import type { NodeFrameworkName, PackageJson } from './types.js';

/** The dependency that makes a package a project of each framework, in report order. */
const FRAMEWORK_PACKAGES: readonly [NodeFrameworkName, string][] = [
  ['express', 'express'],
  ['next', 'next'],
  ['nestjs', '@nestjs/core'],
  ['fastify', 'fastify'],
  ['koa', 'koa'],
];

/** Folders that hold build output, caches or copies of other packages: a package.json there is not the project's. */
const NOT_SOURCE = new Set(['node_modules', '.next', 'dist', 'build', 'out', 'coverage', '.nuxt', '.output', '.vercel', '.serverless', 'bower_components', 'jspm_packages', 'vendor', 'third_party', 'third-party']);
/** Test, example and fixture folders: their apps exist to be tested or read, not deployed. */
const NOT_DEPLOYED = /^(?:tests?|__tests__|testing|e2e|examples?|fixtures?|__fixtures__|templates?)$/;

function inSkippedFolder(path: string): boolean {
  const segments = path.split('/').slice(0, -1);
  return segments.some((segment) => NOT_SOURCE.has(segment) || NOT_DEPLOYED.test(segment));
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** A package.json's fields deploycheck reads; undefined when it is not a JSON object. */
function readPackageJson(workspace: Workspace, file: string): (PackageJson & { workspaces: boolean }) | undefined {
  const read = workspace.readText(file);
  if (!read.ok) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const fields = data as Record<string, unknown>;
  return {
    file,
    ...(typeof fields.name === 'string' ? { name: fields.name } : {}),
    ...(typeof fields.main === 'string' ? { main: fields.main } : {}),
    scripts: stringRecord(fields.scripts),
    dependencies: stringRecord(fields.dependencies),
    devDependencies: stringRecord(fields.devDependencies),
    workspaces: fields.workspaces !== undefined,
  };
}

/** The frameworks a package's runtime dependencies name (a framework only in devDependencies is not served). */
function frameworksOf(packageJson: PackageJson): NodeFrameworkName[] {
  return FRAMEWORK_PACKAGES.filter(([, name]) => name in packageJson.dependencies).map(([framework]) => framework);
}

export interface FoundPackage {
  root: string;
  packageJson: PackageJson;
  frameworks: NodeFrameworkName[];
}

/**
 * Every Node project of the workspace, sorted by root. A package that declares `workspaces` is a
 * project only when its own dependencies name a framework none of its packages depends on (a
 * dependency hoisted to the root for a package is that package's).
 */
export function findNodePackages(workspace: Workspace): FoundPackage[] {
  const vendored = isVendoredIn(workspace);
  const found: (FoundPackage & { workspaces: boolean })[] = [];
  for (const file of workspace.files) {
    if (baseName(file) !== 'package.json' || vendored(file) || inSkippedFolder(file)) continue;
    const parsed = readPackageJson(workspace, file);
    if (!parsed) continue;
    const { workspaces, ...packageJson } = parsed;
    const frameworks = frameworksOf(packageJson);
    if (frameworks.length === 0) continue;
    found.push({ root: dirName(file), packageJson, frameworks, workspaces });
  }
  // A workspace root's framework dependency hoisted for its packages: the packages that have it are the projects.
  const hoistedOnly = (candidate: (typeof found)[number]): boolean =>
    candidate.workspaces &&
    candidate.frameworks.every((framework) => found.some((other) => other !== candidate && isWithin(other.root, candidate.root) && other.frameworks.includes(framework)));
  return found
    .filter((candidate) => !hoistedOnly(candidate))
    .map(({ workspaces: _workspaces, ...candidate }) => candidate)
    .sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
}
