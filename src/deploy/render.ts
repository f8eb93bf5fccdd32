import type { EnvVar } from '../env/types.js';
import type { DeployReading } from './reading.js';
import { emptyReading } from './reading.js';
import { resolveFrom } from '../workspace/paths.js';
import { mapPairs, pairOf, scalarString, seqItems, valueOf, YamlSource } from './yaml-source.js';

const COMMAND_KEYS = ['buildCommand', 'preDeployCommand', 'startCommand', 'dockerCommand'];
/** envVars entries whose value Render fills in at deploy time. */
const PROVIDED = ['generateValue', 'fromDatabase', 'fromService'];

/**
 * render.yaml blueprint: each service's `envVars` (a literal `value`; `generateValue`,
 * `fromDatabase`, `fromService` and `sync: false` are set with an unknown value) and the
 * variables of the `envVarGroups` it uses (`fromGroup`), plus its build/start commands and the
 * `dockerfilePath` (with `dockerContext`) a Docker service builds, relative to the repository root.
 */
export function readRenderYaml(file: string, text: string): DeployReading {
  const reading = emptyReading();
  const source = new YamlSource(file, text);
  reading.problems.push(...source.problems());
  const root = source.root();

  const groups = new Map<string, unknown>();
  for (const group of seqItems(valueOf(root, 'envVarGroups'))) {
    const name = scalarString(valueOf(group, 'name'));
    if (name) groups.set(name, valueOf(group, 'envVars'));
  }

  const envVars = (node: unknown, label: string): EnvVar[] => {
    const vars: EnvVar[] = [];
    for (const item of seqItems(node)) {
      const group = scalarString(valueOf(item, 'fromGroup'));
      if (group !== undefined) {
        vars.push(...envVars(groups.get(group), `${file} envVarGroups ${group}`));
        continue;
      }
      const keyPair = pairOf(item, 'key');
      const name = scalarString(keyPair?.value);
      if (!name) continue;
      const location = source.at(keyPair?.value);
      const literal = pairOf(item, 'value');
      const provided = PROVIDED.some((key) => pairOf(item, key)) || scalarString(valueOf(item, 'sync')) === 'false';
      if (literal) vars.push({ name, value: scalarString(literal.value) ?? '', source: { kind: 'render.yaml', location, label } });
      else if (provided) vars.push({ name, value: undefined, source: { kind: 'render.yaml', location, label: `${label} (set by Render)` } });
    }
    return vars;
  };

  for (const service of seqItems(valueOf(root, 'services'))) {
    const name = scalarString(valueOf(service, 'name')) ?? 'service';
    reading.env.push(...envVars(valueOf(service, 'envVars'), `${file} ${name}.envVars`));
    const healthCheck = valueOf(service, 'healthCheckPath');
    const healthPath = scalarString(healthCheck);
    if (healthPath) (reading.healthChecks ??= []).push({ path: healthPath, location: source.at(healthCheck) });
    for (const pair of mapPairs(service)) {
      const key = scalarString(pair.key);
      const command = scalarString(pair.value);
      if (!key || !command || !COMMAND_KEYS.includes(key)) continue;
      if (/\$\{?PORT\b/.test(command)) reading.usesPortVariable = true;
      reading.commands.push({ text: command, process: `${name} ${key}`, kind: 'render.yaml', location: source.at(pair.value) });
    }
    const dockerfileNode = valueOf(service, 'dockerfilePath');
    const dockerfile = scalarString(dockerfileNode);
    const path = dockerfile === undefined ? undefined : resolveFrom(file, dockerfile.replace(/^\/+/, ''));
    if (path === undefined) continue;
    if (!reading.dockerfiles?.includes(path)) (reading.dockerfiles ??= []).push(path);
    const contextNode = scalarString(valueOf(service, 'dockerContext'));
    const context = contextNode === undefined ? undefined : resolveFrom(file, contextNode.replace(/^\/+/, ''));
    (reading.builds ??= []).push({ dockerfile: path, ...(context !== undefined ? { context } : {}), chosenBy: `${file} ${name}.dockerfilePath`, location: source.at(dockerfileNode) });
  }
  return reading;
}
