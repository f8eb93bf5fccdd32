/** Whether the repository's own nginx configuration overwrites X-Forwarded-Host before proxying to Django. */
import type { FileLocation } from '../core/location.js';
import type { Workspace } from '../workspace/types.js';

const CONFIG_FILE = /nginx[^/]*$|nginx\/|\.conf(?:\.template)?$/i;
const MAX_FILES = 50;
const SET_HEADER = /^[ \t]*proxy_set_header[ \t]+X-Forwarded-Host[ \t]+([^;\n]+);/gim;
/** Values that pass on what the client sent instead of replacing it. */
const CLIENT_VALUE = /\$http_x_forwarded_host|\$proxy_add_/i;

export interface HostOverwrite {
  /** What nginx sets, e.g. `$host`. */
  value: string;
  location: FileLocation;
}

/**
 * The first `proxy_set_header X-Forwarded-Host <value>;` in an nginx config, when every such line in
 * the repository replaces the client's header ($host, $server_name, a literal); undefined when
 * there is none or one passes the client's value on.
 */
export function nginxOverwritesForwardedHost(workspace: Workspace): HostOverwrite | undefined {
  let first: HostOverwrite | undefined;
  for (const path of workspace.files.filter((file) => CONFIG_FILE.test(file)).slice(0, MAX_FILES)) {
    const text = workspace.readText(path);
    if (!text.ok) continue;
    for (const match of text.text.matchAll(SET_HEADER)) {
      const value = match[1]!.trim();
      if (CLIENT_VALUE.test(value)) return undefined;
      const line = text.text.slice(0, match.index).split('\n').length;
      first ??= { value, location: { file: path, line, column: 1 } };
    }
  }
  return first;
}
