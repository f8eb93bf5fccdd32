/** The Procfile the Heroku Python buildpack builds: on the platform the production model infers. */
import { describe, expect, it } from 'vitest';
import type { DeployFacts, DeployFile } from '../../src/deploy/types.js';
import { buildpackProcfile } from '../../src/django/buildpack.js';
import type { PlatformFact } from '../../src/production/platform.js';

const procfile: DeployFile = { path: 'Procfile', kind: 'procfile' } as DeployFile;
const deploy = (files: DeployFile[]): DeployFacts => ({ files, commands: [], env: [], buildArgs: [], platforms: [], platformSettings: {} }) as unknown as DeployFacts;
const heroku: PlatformFact = { platform: 'heroku', how: 'marker', location: { file: 'mysite/settings.py', line: 3, column: 5 }, evidence: "'DYNO' read in mysite/settings.py:3" };

describe('buildpackProcfile', () => {
  it("counts the production model's platforms, a marker-inferred one included", () => {
    expect(buildpackProcfile({ deploy: deploy([procfile]), production: { platforms: [heroku] } as never })).toBe(procfile);
  });

  it('is none without a buildpack platform, or when heroku.yml builds a container', () => {
    expect(buildpackProcfile({ deploy: deploy([procfile]), production: { platforms: [] } as never })).toBeUndefined();
    const container = { path: 'heroku.yml', kind: 'heroku.yml' } as DeployFile;
    expect(buildpackProcfile({ deploy: deploy([procfile, container]), production: { platforms: [heroku] } as never })).toBeUndefined();
  });
});
