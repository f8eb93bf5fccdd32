/**
 * The nginx configuration files production runs, read once per set of deploy facts: those the
 * nginx service of a production compose file mounts or builds from, then the conventional places
 * (`nginx/*.conf`, `*.conf.template`, `deploy/nginx.conf`, a folder named for nginx) outside
 * development, demo and vendored folders. nginx configs a development compose file alone uses sit
 * beside it in the same folders, so a file name cannot tell them apart; those in a folder named
 * for development (`local-dev/`, `dev/`) are left out.
 */
import { parseNginx } from '../deploy/nginx.js';
import type { NginxConfig } from '../deploy/nginx.js';
import type { DeployFacts } from '../deploy/types.js';
import type { Workspace } from '../workspace/types.js';
import { isVendoredIn } from '../workspace/vendored.js';
import { isConfigOf } from './edge.js';

/** At most this many nginx files are read per project. */
const MAX_FILES = 30;
/** A folder or file named for development, tests, docs or a demo, also as part of a name (`local-dev`, `nginx.dev.conf`). */
const NOT_PRODUCTION = /(?:^|[/._-])(?:dev|develop|development|local|test|tests|testing|docs?|examples?|demo|sample)(?:[/._-]|$)/i;

const read = new WeakMap<DeployFacts, NginxConfig[]>();

export function productionNginxConfigs(workspace: Workspace, deploy: DeployFacts): NginxConfig[] {
  const known = read.get(deploy);
  if (known) return known;
  const vendored = isVendoredIn(workspace);
  // Files a production compose file's nginx mounts or builds from, whatever their names, then the conventional places.
  const mounted = (deploy.composeServices ?? []).flatMap((compose) => compose.proxies.filter((proxy) => proxy.proxy === 'nginx').flatMap((proxy) => proxy.configFiles ?? []));
  const conventional = workspace.files.filter((path) => isConfigOf('nginx', path) && !NOT_PRODUCTION.test(path));
  const configs: NginxConfig[] = [];
  for (const path of new Set([...mounted, ...conventional])) {
    if (configs.length >= MAX_FILES) break;
    if (vendored(path) || /\.(?:ya?ml|toml)$|(?:^|\/)Caddyfile/i.test(path)) continue;
    const text = workspace.readText(path);
    if (text.ok) configs.push(parseNginx(path, text.text));
  }
  read.set(deploy, configs);
  return configs;
}
