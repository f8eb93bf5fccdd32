import type { DeployReading } from './reading.js';
import { emptyReading } from './reading.js';
import { isTable, TomlSource, tomlScalar } from './toml-source.js';
import { resolveFrom } from '../workspace/paths.js';

/**
 * fly.toml: `[env]`, `[build.args]`, `[processes]`, `[deploy] release_command`, and whether
 * HTTP is forced to HTTPS (`[http_service] force_https`, or `force_https` on a `[[services.ports]]`
 * that handles plain http), and the directories `[[statics]]` serves.
 */
export function readFlyToml(file: string, text: string): DeployReading {
  const reading = emptyReading();
  const toml = new TomlSource(file, text);
  reading.problems.push(...toml.problems);
  const data = toml.data;
  if (!data) return reading;

  if (isTable(data.env)) {
    for (const [name, raw] of Object.entries(data.env)) {
      const location = toml.locate('env', name);
      reading.env.push({ name, value: tomlScalar(raw), source: { kind: 'fly.toml', location, label: `${file} [env]` } });
    }
  }
  const build = isTable(data.build) ? data.build : undefined;
  // `[build] dockerfile` / `build-target`: the image fly deploys (the Dockerfile next to fly.toml by default).
  const dockerfile = typeof build?.dockerfile === 'string' ? resolveFrom(file, build.dockerfile) : undefined;
  if (dockerfile !== undefined) reading.dockerfiles = [dockerfile];
  const target = typeof build?.['build-target'] === 'string' ? build['build-target'] : undefined;
  if (dockerfile !== undefined || target !== undefined) {
    reading.builds = [{
      dockerfile: dockerfile ?? resolveFrom(file, 'Dockerfile') ?? 'Dockerfile',
      ...(target !== undefined ? { target } : {}),
      chosenBy: `${file} [build] ${target !== undefined ? 'build-target' : 'dockerfile'}`,
      location: toml.locate('build', target !== undefined ? 'build-target' : 'dockerfile'),
    }];
  }
  if (build && isTable(build.args)) {
    for (const [name, raw] of Object.entries(build.args)) {
      const location = toml.locate('build.args', name);
      reading.buildArgs.push({ name, value: tomlScalar(raw), source: { kind: 'fly.toml', location, label: `${file} [build.args]` } });
    }
  }
  if (isTable(data.processes)) {
    for (const [process, command] of Object.entries(data.processes)) {
      if (typeof command !== 'string') continue;
      reading.commands.push({ text: command, process, kind: 'fly.toml', location: toml.locate('processes', process) });
    }
  }
  const deploy = isTable(data.deploy) ? data.deploy : undefined;
  if (deploy && typeof deploy.release_command === 'string') {
    reading.commands.push({
      text: deploy.release_command,
      process: 'release',
      role: 'release',
      kind: 'fly.toml',
      location: toml.locate('deploy', 'release_command'),
    });
  }

  if (isTable(data.http_service)) {
    const force = data.http_service.force_https;
    reading.forceHttps =
      typeof force === 'boolean'
        ? { value: force, location: toml.locate('http_service', 'force_https') }
        : { value: false, location: toml.locate('http_service') };
  } else if (Array.isArray(data.services)) {
    let portIndex = 0;
    for (const service of data.services) {
      const ports: unknown[] = isTable(service) && Array.isArray(service.ports) ? service.ports : [];
      for (const port of ports) {
        const index = portIndex++;
        // Only a port that speaks plain HTTP (no TLS handler) can redirect to HTTPS.
        if (!isTable(port) || !Array.isArray(port.handlers) || !port.handlers.includes('http') || port.handlers.includes('tls')) continue;
        const value = port.force_https === true;
        const location = toml.locate('services.ports', value ? 'force_https' : undefined, index);
        if (!reading.forceHttps || (reading.forceHttps.value && !value)) reading.forceHttps = { value, location };
      }
    }
  }
  reading.healthChecks = healthChecks(toml, data);
  const statics: unknown[] = Array.isArray(data.statics) ? data.statics : [];
  reading.staticDirs = statics.flatMap((entry, index) =>
    isTable(entry) && typeof entry.guest_path === 'string'
      ? [{
          path: entry.guest_path,
          ...(typeof entry.url_prefix === 'string' ? { urlPrefix: entry.url_prefix } : {}),
          location: toml.locate('statics', 'guest_path', index),
        }]
      : [],
  );
  return reading;
}

/** `[[http_service.checks]]`, `[checks.<name>]` and `[[services.http_checks]]` / `[[services.tcp_checks]]`. */
function healthChecks(toml: TomlSource, data: Record<string, unknown>): NonNullable<DeployReading['healthChecks']> {
  const checks: NonNullable<DeployReading['healthChecks']> = [];
  const add = (check: unknown, table: string, occurrence: number): void => {
    if (!isTable(check)) return;
    const location = toml.locate(table, typeof check.path === 'string' ? 'path' : undefined, occurrence);
    checks.push(typeof check.path === 'string' ? { path: check.path, location } : { location });
  };
  const httpService = isTable(data.http_service) ? data.http_service : undefined;
  if (httpService && Array.isArray(httpService.checks)) httpService.checks.forEach((check, index) => add(check, 'http_service.checks', index));
  if (isTable(data.checks)) for (const [name, check] of Object.entries(data.checks)) add(check, `checks.${name}`, 0);
  const counts = { http_checks: 0, tcp_checks: 0 };
  for (const service of Array.isArray(data.services) ? data.services : []) {
    for (const kind of ['http_checks', 'tcp_checks'] as const) {
      const list: unknown[] = isTable(service) && Array.isArray(service[kind]) ? service[kind] : [];
      for (const check of list) add(check, `services.${kind}`, counts[kind]++);
    }
  }
  return checks;
}
