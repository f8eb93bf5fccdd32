/**
 * A Node.js project (kind `node`): a package.json whose dependencies name a server framework, with
 * what production runs for it (src/node/production) and its facts, each built lazily on first read.
 * The shape is the shared contract of issue 14 (see README "Node projects").
 */
import type { FileLocation, Location } from '../core/location.js';
import type { DeployView } from '../deploy/deploy-view.js';
import type { DeployFacts } from '../deploy/types.js';
import type { Environment } from '../env/types.js';
import type { JsProgram, JsValue } from '../js/types.js';

export type NodeFrameworkName = 'express' | 'next' | 'nestjs' | 'fastify' | 'koa';

/** The parts of a package.json deploycheck reads. */
export interface PackageJson {
  file: string;
  name?: string;
  main?: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

/** pm2 watching files: where it is turned on (an ecosystem app's `watch`, or `--watch`). */
export interface Pm2Watch {
  location?: FileLocation;
  /** `watch: true in ecosystem.config.js`, `pm2 --watch`. */
  setting: string;
}

/** How a fact about production was decided: read in a file, set by the platform, or assumed. */
export type NodeEnvConfidence = 'certain' | 'default' | 'unknown';

export interface NodeProduction {
  /** The command production starts, with where it was read. */
  start?: { command: string; location: Location; how: string };
  /** The server file(s) it runs (the TS source when the command runs build output: dist/main.js → src/main.ts). */
  entries: { file: string; how: string }[];
  /** NODE_ENV in production: the value when known (set by a file, or by the platform: Heroku/Vercel/`next start` set production). */
  nodeEnv: { value?: string; how: string; location?: Location; confidence: NodeEnvConfidence };
  platform?: string;
  /** The first app of the pm2 ecosystem file production starts that watches files. */
  pm2Watch?: Pm2Watch;
  /** Steps deploycheck assumed (no start command found: a conventional entry was assumed, …). */
  assumptions: string[];
}

/** One Prisma datasource (schema.prisma `datasource db { provider = "…"; url = env("X") }`). */
export interface PrismaDatasource {
  file: string;
  provider: string;
  /** The url as production sees it: a string, or env("X") resolved against the environment. */
  url?: JsValue;
  location: FileLocation;
}

export interface NodeProject {
  readonly kind: 'node';
  /** Folder of the package.json ('' = workspace root). */
  readonly root: string;
  readonly packageJson: PackageJson;
  /** From dependencies, in NodeFrameworkName order. */
  readonly frameworks: NodeFrameworkName[];
  readonly production: NodeProduction;
  /** Production's environment (src/env), env files read with npm dotenv's rules. */
  readonly environment: Environment;
  readonly deploy: DeployFacts;
  /** The server program production starts, evaluated under the production environment; undefined when no entry is known. */
  readonly program: JsProgram | undefined;
  /** next.config.{js,mjs,cjs,ts} evaluated (its default export / module.exports), when the project uses Next.js. */
  readonly nextConfig: { file: string; value: JsValue } | undefined;
  /** Prisma datasources (schema.prisma). */
  readonly prisma: PrismaDatasource[];
  /** What the deploy rules read (src/deploy/deploy-view.ts). */
  readonly deployView: DeployView;
}

/** Whether a project a framework found is a Node project (workspace rules see every kind). */
export function isNodeProject(project: { kind: string }): project is NodeProject {
  return project.kind === 'node';
}
