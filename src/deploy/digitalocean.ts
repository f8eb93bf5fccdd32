/**
 * DigitalOcean App Platform's app spec (`.do/app.yaml`, or `.do/deploy.template.yaml` whose `spec:`
 * wraps it): each component's `run_command`/`build_command`, `envs` (of the app and of its web
 * services) and the `dockerfile_path` it builds, relative to the repository root (the folder above `.do`).
 */
import type { EnvVar } from '../env/types.js';
import { resolveFrom } from '../workspace/paths.js';
import type { DeployReading } from './reading.js';
import { emptyReading } from './reading.js';
import type { CommandRole } from './types.js';
import { scalarString, seqItems, valueOf, YamlSource } from './yaml-source.js';

/** Where App Platform looks for its spec in a repository. */
export const DO_APP_SPECS = ['.do/app.yaml', '.do/deploy.template.yaml'];

/** Component lists and what their commands are for; `jobs` run before or after a deploy. */
const COMPONENTS: [string, CommandRole][] = [
  ['services', 'web'],
  ['workers', 'worker'],
  ['jobs', 'release'],
];

function envsOf(file: string, source: YamlSource, node: unknown, owner: string): EnvVar[] {
  const env: EnvVar[] = [];
  for (const item of seqItems(node)) {
    const name = scalarString(valueOf(item, 'key'));
    if (!name || scalarString(valueOf(item, 'scope')) === 'BUILD_TIME') continue;
    const written = scalarString(valueOf(item, 'value'));
    // A SECRET's value is encrypted in the spec; `${db.DATABASE_URL}` is bound at deploy time; no value: set in the dashboard.
    const value = scalarString(valueOf(item, 'type')) === 'SECRET' || written === undefined || written.includes('${') ? undefined : written;
    env.push({ name, value, source: { kind: 'deploy-script', location: source.at(valueOf(item, 'key')), label: `${file} ${owner}envs ${name}` } });
  }
  return env;
}

export function readDoAppSpec(file: string, text: string): DeployReading {
  const reading = emptyReading();
  const source = new YamlSource(file, text);
  reading.problems.push(...source.problems());
  const root = source.root();
  const spec = valueOf(root, 'spec') ?? root;
  reading.env.push(...envsOf(file, source, valueOf(spec, 'envs'), ''));
  for (const [list, role] of COMPONENTS) {
    for (const component of seqItems(valueOf(spec, list))) {
      const name = scalarString(valueOf(component, 'name')) ?? list;
      for (const [key, commandRole, process] of [['run_command', role, name], ['build_command', 'build', `${name} buildCommand`]] as const) {
        const node = valueOf(component, key);
        const command = scalarString(node);
        if (command) reading.commands.push({ text: command, process, kind: 'do-app-spec', location: source.at(node), role: commandRole });
      }
      if (role === 'web') reading.env.push(...envsOf(file, source, valueOf(component, 'envs'), `${name}.`));
      const dockerfile = scalarString(valueOf(component, 'dockerfile_path'));
      if (dockerfile === undefined) continue;
      const path = resolveFrom(file, `../${dockerfile.replace(/^\/+/, '')}`);
      if (path === undefined) continue;
      const sourceDir = scalarString(valueOf(component, 'source_dir'));
      const context = sourceDir === undefined ? undefined : resolveFrom(file, `../${sourceDir.replace(/^\/+/, '')}`);
      if (!reading.dockerfiles?.includes(path)) (reading.dockerfiles ??= []).push(path);
      (reading.builds ??= []).push({
        dockerfile: path,
        ...(context !== undefined ? { context } : {}),
        chosenBy: `${file} ${name}.dockerfile_path`,
        location: source.at(valueOf(component, 'dockerfile_path')),
      });
    }
  }
  return reading;
}
