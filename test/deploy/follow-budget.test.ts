/** Following scripts that call scripts stays bounded: each script once per command, and a workspace budget. */
import { describe, expect, it } from 'vitest';
import { deployFactsOf } from '../helpers/deploy.js';

/** `s0.sh` … `s{depth-1}.sh`, each running the next on `lines` lines; the last starts gunicorn. */
function chain(depth: number, lines: number): Record<string, string> {
  const files: Record<string, string> = { Procfile: 'web: ./s0.sh\n' };
  for (let i = 0; i < depth; i++) {
    const body = i === depth - 1 ? 'exec gunicorn mysite.wsgi\n' : `python manage.py check --tag s${i}\n${`./s${i + 1}.sh\n`.repeat(lines)}`;
    files[`s${i}.sh`] = `#!/bin/sh\n${body}`;
  }
  return files;
}

describe('following deploy scripts', () => {
  it('follows a script each caller line runs only once per command', () => {
    const facts = deployFactsOf(chain(5, 40));
    const scripted = facts.commands.filter((command) => command.kind === 'script');
    // One `echo` per script and the gunicorn line: not 40^4 copies.
    expect(scripted.map((command) => command.text)).toEqual(['python manage.py check --tag s0', 'python manage.py check --tag s1', 'python manage.py check --tag s2', 'python manage.py check --tag s3', 'exec gunicorn mysite.wsgi']);
  });

  it('stops at the workspace budget with a reason when the scripts fan out wide', () => {
    // s0 runs 30 scripts, each runs 30 of its own: 930 distinct scripts, more than are followed.
    const files: Record<string, string> = { Procfile: 'web: ./s0.sh\nworker: ./s0.sh\n' };
    const children = Array.from({ length: 30 }, (_, i) => `./a${i}.sh`);
    files['s0.sh'] = `#!/bin/sh\n${children.join('\n')}\n`;
    for (let i = 0; i < 30; i++) {
      files[`a${i}.sh`] = `#!/bin/sh\n${Array.from({ length: 30 }, (_, j) => `./b${i}_${j}.sh`).join('\n')}\n`;
      for (let j = 0; j < 30; j++) files[`b${i}_${j}.sh`] = `#!/bin/sh\npython manage.py check --tag ${i}\npython manage.py migrate\n`;
    }
    const facts = deployFactsOf(files);
    const scripted = facts.commands.filter((command) => command.kind === 'script');
    expect(scripted.length).toBeGreaterThan(0);
    expect(scripted.length).toBeLessThanOrEqual(400);
    expect(facts.skipped?.some((skip) => /more scripts or commands than deploycheck follows/.test(skip.reason))).toBe(true);
  });
});
