/** The deploy commands production runs, for rules that judge commands. */
import type { DeployCommand, DeployFacts } from './types.js';

/**
 * Commands of files production uses that actually run: not those of a development compose file
 * (`deployed: false`) nor an image CMD every production service replaces (`overriddenBy`).
 * Worker processes count too: they run the same code with the same options.
 */
export function productionCommands(deploy: DeployFacts): DeployCommand[] {
  return deploy.commands.filter((command) => command.deployed !== false && !command.overriddenBy);
}
