/**
 * CapRover's `captain-definition` (JSON, `schemaVersion` 2): the `dockerfilePath` it builds,
 * relative to the file's folder (which is also the build context). An inline `dockerfileLines`
 * image or a prebuilt `imageName` names no Dockerfile of the repository.
 */
import { resolveFrom } from '../workspace/paths.js';
import { JsonSource, jsonText, jsonValue } from './json-source.js';
import type { DeployReading } from './reading.js';
import { emptyReading } from './reading.js';

export const CAPTAIN_DEFINITION = 'captain-definition';

export function readCaptainDefinition(file: string, text: string): DeployReading {
  const reading = emptyReading();
  const source = new JsonSource(file, text);
  if (source.problem) reading.problems.push(source.problem);
  const root = source.root;
  if (!root) return reading;
  const version = jsonValue(root, 'schemaVersion');
  if (jsonText(version) !== '2') {
    reading.problems.push({ message: `${file}: schemaVersion ${jsonText(version) ?? '(missing)'} is not 2, the only one CapRover reads`, location: source.at(version?.at ?? root.at) });
  }
  const node = jsonValue(root, 'dockerfilePath');
  const written = jsonText(node);
  const path = written === undefined ? undefined : resolveFrom(file, written);
  if (node && path !== undefined) {
    reading.dockerfiles = [path];
    const context = resolveFrom(file, '.') ?? '';
    reading.builds = [{ dockerfile: path, context, chosenBy: `${file} dockerfilePath`, location: source.at(node.at) }];
  }
  return reading;
}
