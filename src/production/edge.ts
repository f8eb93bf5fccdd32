/**
 * What happens before a request reaches the app: whether the platform or a reverse proxy that
 * production runs redirects HTTP to HTTPS, and whether it sends HSTS. Django's own redirect and
 * HSTS settings matter less when the edge does it.
 */
import type { ProxyName } from '../deploy/compose.js';
import { parseNginx } from '../deploy/nginx.js';
import type { NginxDirective } from '../deploy/nginx.js';
import type { DeployFacts } from '../deploy/types.js';
import type { FileLocation } from '../core/location.js';
import type { RuntimePlatform } from '../env/platform.js';
import { baseName, dirName, isWithin } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import { isVendoredIn } from '../workspace/vendored.js';

export interface EdgeFact {
  /** `platform`: the host's router; `proxy`: a reverse proxy the repository ships and production runs. */
  kind: 'platform' | 'proxy';
  /** Who does it: `fly.toml`, `Render`, `traefik (compose/traefik/traefik.yml)`. */
  by: string;
  location?: FileLocation;
}

export interface Edge {
  httpsRedirect?: EdgeFact;
  hsts?: EdgeFact;
}

type Proxy = ProxyName;
/** At most this many proxy configuration files are read per compose file. */
const MAX_CONFIG_FILES = 30;
const NOT_PRODUCTION_PATH = /(?:^|\/)(?:dev|develop|development|local|test|tests|docs?|examples?)(?:\/|$)|(?:^|[._-])(?:dev|local|test)(?:[._-]|$)/i;

/** Signs in a proxy's configuration, by proxy: an HTTP→HTTPS redirect, an HSTS header. */
const SIGNS: Record<Proxy, { redirect: RegExp; hsts: RegExp }> = {
  traefik: {
    redirect: /redirectscheme\.scheme\s*[=:]\s*["']?https|redirections\.entrypoint\.(?:to|scheme)|^\s*redirections\s*:|\[entryPoints\.\w+\.http\.redirections|redirectScheme\s*:/im,
    hsts: /stsSeconds/i,
  },
  nginx: {
    redirect: /^\s*(?:return\s+30[18]\s+https:\/\/|rewrite\s+\S+\s+https:\/\/\S*\s+(?:permanent|redirect))/im,
    hsts: /^\s*add_header\s+Strict-Transport-Security/im,
  },
  caddy: {
    // Caddy serves every site with a host name over HTTPS and redirects HTTP by itself.
    redirect: /^(?![\s#}(]|:\d|http:\/\/|\{\s*$|import\s)\S+/m,
    hsts: /Strict-Transport-Security/i,
  },
};

/** Files that configure a proxy: named for it, or in a folder named for it (not in a development or docs folder). */
export function isConfigOf(proxy: Proxy, path: string): boolean {
  const name = baseName(path);
  // The file name's test comes first: it is the cheapest and rules out nearly every file of a large repository.
  const configName = proxy === 'caddy' ? /^caddyfile/i : proxy === 'nginx' ? /\.conf(?:\.template)?$/i : /\.(?:ya?ml|toml)$/i;
  if (!configName.test(name) || NOT_PRODUCTION_PATH.test(path)) return false;
  if (proxy === 'caddy') return true;
  return name.toLowerCase().includes(proxy) || path.toLowerCase().split('/').slice(0, -1).some((segment) => segment.includes(proxy));
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** A redirect to HTTPS (`return 301 https://…`, `rewrite ^ https://… permanent`) and an HSTS header, read from nginx's directives. */
function nginxSigns(path: string, text: string): { redirect?: NginxDirective; hsts?: NginxDirective } {
  const directives = parseNginx(path, text).directives;
  const redirect = directives.find(
    (directive) =>
      (directive.name === 'return' && /^30[1278]$/.test(directive.args[0] ?? '') && /^https:\/\//i.test(directive.args[1] ?? '')) ||
      (directive.name === 'return' && /^https:\/\//i.test(directive.args[0] ?? '')) ||
      (directive.name === 'rewrite' && /^https:\/\//i.test(directive.args[1] ?? '')),
  );
  const hsts = directives.find((directive) => directive.name === 'add_header' && directive.args[0]?.toLowerCase() === 'strict-transport-security');
  return { ...(redirect ? { redirect } : {}), ...(hsts ? { hsts } : {}) };
}

/**
 * The edge of production: the platform's own redirect (fly.toml `force_https`, App Engine
 * `secure: always`, Render, which redirects every HTTP request), then a reverse proxy a production
 * compose file runs (Traefik labels or configuration, nginx `return 301 https://…` /
 * `add_header Strict-Transport-Security`, Caddy's automatic HTTPS). Heroku's router does not
 * redirect, so Heroku adds nothing.
 */
export function readEdge(workspace: Workspace, deploy: DeployFacts, platforms: readonly RuntimePlatform[]): Edge {
  const edge: Edge = {};
  const forced = deploy.platformSettings.forceHttps;
  if (forced?.value) edge.httpsRedirect = { kind: 'platform', by: forced.location.file, location: forced.location };
  else if (platforms.includes('render') && !forced) {
    const file = deploy.files.find((candidate) => candidate.kind === 'render.yaml');
    edge.httpsRedirect = { kind: 'platform', by: 'Render', ...(file ? { location: { file: file.path, line: 1, column: 1 } } : {}) };
  }
  const vendored = isVendoredIn(workspace);
  for (const compose of deploy.composeServices ?? []) {
    for (const { proxy, service, text, location, configFiles } of compose.proxies) {
      const by = `${proxy} (${compose.path} ${service})`;
      const signs = SIGNS[proxy];
      if (!edge.httpsRedirect && proxy !== 'caddy' && signs.redirect.test(text)) edge.httpsRedirect = { kind: 'proxy', by, location };
      if (!edge.hsts && proxy !== 'caddy' && signs.hsts.test(text)) edge.hsts = { kind: 'proxy', by, location };
      const dir = dirName(compose.path);
      // The files the service mounts or builds from first, then those named for the proxy beside the compose file.
      const named = workspace.files.filter((candidate) => isWithin(candidate, dir) && isConfigOf(proxy, candidate));
      const configs = [...new Set([...(configFiles ?? []), ...named])].filter((candidate) => !vendored(candidate));
      for (const path of configs.slice(0, MAX_CONFIG_FILES)) {
        if (edge.httpsRedirect && edge.hsts) return edge;
        const read = workspace.readText(path);
        if (!read.ok) continue;
        if (proxy === 'caddy' && /^\s*auto_https\s+off/m.test(read.text)) continue;
        if (proxy === 'nginx') {
          const found = nginxSigns(path, read.text);
          const at = (directive: NginxDirective): FileLocation => ({ file: path, line: directive.line, column: directive.column });
          if (!edge.httpsRedirect && found.redirect) edge.httpsRedirect = { kind: 'proxy', by: `nginx (${path})`, location: at(found.redirect) };
          if (!edge.hsts && found.hsts) edge.hsts = { kind: 'proxy', by: `nginx (${path})`, location: at(found.hsts) };
          continue;
        }
        const redirect = signs.redirect.exec(read.text);
        if (!edge.httpsRedirect && redirect) {
          edge.httpsRedirect = { kind: 'proxy', by: `${proxy} (${path})`, location: { file: path, line: lineOf(read.text, redirect.index), column: 1 } };
        }
        const hsts = signs.hsts.exec(read.text);
        if (!edge.hsts && hsts) edge.hsts = { kind: 'proxy', by: `${proxy} (${path})`, location: { file: path, line: lineOf(read.text, hsts.index), column: 1 } };
      }
    }
  }
  return edge;
}
