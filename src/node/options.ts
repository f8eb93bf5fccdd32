import type { FrameworkOption } from '../engine/framework.js';

/** Node's own options: none yet (production is read from the deploy files and package.json; `--set NODE_ENV=…` overrides). */
export const NODE_OPTIONS: readonly FrameworkOption[] = [];
