import type { DeployReading } from './reading.js';
import { emptyReading } from './reading.js';
import { isScalar, mapPairs, scalarString, seqItems, valueOf, YamlSource } from './yaml-source.js';

/**
 * An `env_variables` value as App Engine hands it to the app: a string as written, a number or a
 * boolean as Python's `str()` writes it (`8080`, `True`), a null as empty; undefined (unknown) for a
 * list or a map, which App Engine refuses.
 */
function envValue(node: unknown): string | undefined {
  if (!isScalar(node)) return node === null || node === undefined ? '' : undefined;
  if (typeof node.value === 'boolean') return node.value ? 'True' : 'False';
  return scalarString(node) ?? '';
}

/** Whether an app.yaml is Google App Engine's (it names a runtime) rather than some other app.yaml. */
export function isAppEngineYaml(text: string): boolean {
  return /^runtime\s*:/m.test(text);
}

/**
 * App Engine app.yaml: `env_variables`, `entrypoint`, HTTPS forcing from the catch-all
 * handler's `secure: always`, and the `static_dir` handlers.
 */
export function readAppYaml(file: string, text: string): DeployReading {
  const reading = emptyReading();
  const source = new YamlSource(file, text);
  reading.problems.push(...source.problems());
  const root = source.root();

  for (const pair of mapPairs(valueOf(root, 'env_variables'))) {
    const name = scalarString(pair.key);
    if (!name) continue;
    const value = envValue(pair.value);
    if (value === undefined) {
      reading.problems.push({ message: `env_variables ${name} is a list or a map: App Engine takes only strings, so its value in production is unknown`, location: source.at(pair.value) });
    }
    reading.env.push({
      name,
      value,
      source: { kind: 'app.yaml', location: source.at(pair.key), label: `${file} env_variables` },
    });
  }
  const entrypoint = valueOf(root, 'entrypoint');
  const command = scalarString(entrypoint);
  if (command) {
    reading.commands.push({ text: command, kind: 'app.yaml', location: source.at(entrypoint) });
    if (/\$\{?PORT\b/.test(command)) reading.usesPortVariable = true;
  }
  for (const handler of seqItems(valueOf(root, 'handlers'))) {
    const url = scalarString(valueOf(handler, 'url'));
    const staticDir = valueOf(handler, 'static_dir');
    const staticPath = scalarString(staticDir);
    if (staticPath) (reading.staticDirs ??= []).push({ path: staticPath, ...(url ? { urlPrefix: url } : {}), location: source.at(staticDir) });
    if (url !== '/.*' && url !== '.*') continue;
    const secure = valueOf(handler, 'secure');
    reading.forceHttps = secure
      ? { value: scalarString(secure) === 'always', location: source.at(secure) }
      : { value: false, location: source.at(handler) };
  }
  return reading;
}
