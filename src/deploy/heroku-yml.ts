import type { Workspace } from '../workspace/types.js';
import type { DeployReading } from './reading.js';
import { emptyReading } from './reading.js';
import { resolveFrom } from '../workspace/paths.js';
import { isMap, isSeq, mapPairs, scalarString, seqItems, valueOf, YamlSource } from './yaml-source.js';

/** The command node of a `run` process or `release`: a string, a list of commands, or a map with `command`. */
function commandNode(node: unknown): unknown {
  return isMap(node) ? valueOf(node, 'command') : node;
}

function commandText(node: unknown): string | undefined {
  if (isSeq(node)) return seqItems(node).map((item) => scalarString(item) ?? '').join(' && ') || undefined;
  return scalarString(node);
}

/**
 * heroku.yml (Heroku's container stack): `setup.config` as the app's variables, `build.config` as
 * build arguments, the Dockerfiles of `build.docker`, and the `run` processes and `release.command`.
 */
export function readHerokuYml(file: string, text: string, workspace: Workspace): DeployReading {
  const reading = emptyReading();
  const source = new YamlSource(file, text);
  reading.problems.push(...source.problems());
  const root = source.root();
  const label = (section: string): string => `${file} ${section}`;

  for (const pair of mapPairs(valueOf(valueOf(root, 'setup'), 'config'))) {
    const name = scalarString(pair.key);
    if (name) reading.env.push({ name, value: scalarString(pair.value), source: { kind: 'heroku.yml', location: source.at(pair.key), label: label('setup.config') } });
  }
  const build = valueOf(root, 'build');
  for (const pair of mapPairs(valueOf(build, 'config'))) {
    const name = scalarString(pair.key);
    if (name) reading.buildArgs.push({ name, value: scalarString(pair.value), source: { kind: 'heroku.yml', location: source.at(pair.key), label: label('build.config') } });
  }
  for (const pair of mapPairs(valueOf(build, 'docker'))) {
    const path = scalarString(pair.value) ?? scalarString(valueOf(pair.value, 'dockerfile'));
    const dockerfile = path === undefined ? undefined : resolveFrom(file, path);
    if (dockerfile && workspace.exists(dockerfile) && !reading.dockerfiles?.includes(dockerfile)) {
      (reading.dockerfiles ??= []).push(dockerfile);
    }
  }
  for (const pair of mapPairs(valueOf(root, 'run'))) {
    const process = scalarString(pair.key);
    const node = commandNode(pair.value);
    const command = commandText(node);
    if (!process || !command) continue;
    if (/\$\{?PORT\b/.test(command)) reading.usesPortVariable = true;
    reading.commands.push({ text: command, process, kind: 'heroku.yml', location: source.at(isSeq(node) ? node.items[0] : node) });
  }
  const release = commandNode(valueOf(root, 'release'));
  const releaseCommand = commandText(release);
  if (releaseCommand) {
    reading.commands.push({ text: releaseCommand, process: 'release', kind: 'heroku.yml', location: source.at(isSeq(release) ? release.items[0] : release) });
  }
  return reading;
}
