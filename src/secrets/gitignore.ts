/** A .gitignore pattern as a regex over a root-level file name (enough for `.env`, `.env*`, `*.env`, `/.env`, `**\/.env`). */
function patternRegex(pattern: string): RegExp {
  const body = pattern
    .replace(/^\/|^\*\*\//, '')
    .replace(/\/$/, '')
    .replace(/[.+^$()|{}[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

/** Whether the lines of a .gitignore ignore a root-level `.env` (later lines win, `!` re-includes). */
export function gitignoreCoversEnv(text: string): boolean {
  let ignored = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = negated ? line.slice(1) : line;
    if (pattern.includes('/') && !/^\/|^\*\*\//.test(pattern) && !pattern.endsWith('/')) continue;
    if (patternRegex(pattern).test('.env')) ignored = !negated;
  }
  return ignored;
}
