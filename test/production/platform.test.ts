import { describe, expect, it } from 'vitest';
import type { DeployFacts } from '../../src/deploy/types.js';
import { platformVariables } from '../../src/env/platform.js';
import { inferPlatforms } from '../../src/production/platform.js';

const deploy = (platforms: DeployFacts['platforms'], files: DeployFacts['files'] = []): DeployFacts => ({
  files,
  commands: [],
  env: [],
  buildArgs: [],
  platforms,
  platformSettings: {},
  problems: [],
});

describe('platform markers', () => {
  it('finds each platform by a quoted variable only it sets, outside comments, with its line', () => {
    const railway = inferPlatforms(deploy([]), [{ file: 'site/settings.py', text: "# 'DYNO' is Heroku's\nIS_RAILWAY = 'RAILWAY_ENVIRONMENT' in os.environ\n" }]);
    expect(railway.platforms.map((fact) => [fact.platform, fact.how, fact.location?.line])).toEqual([['railway', 'marker', 2]]);
    const both = inferPlatforms(deploy([]), [{ file: 's.py', text: "IS_RAILWAY = 'RAILWAY_ENVIRONMENT' in os.environ\nHOST = os.getenv(\"WEBSITE_HOSTNAME\")\n" }]);
    expect(both.platforms).toEqual([]);
    expect(both.assumptions.join()).toMatch(/several platforms.*s\.py:1.*s\.py:2/);
    expect(inferPlatforms(deploy([]), [{ file: 'a.py', text: "PORT = os.environ['PORT']\nRENDERER = 'x'\n" }]).platforms).toEqual([]);
  });

  it('lets deploy files that name a host decide, and adds a marker platform to a bare Dockerfile', () => {
    const sources = [{ file: 's.py', text: "DEBUG = 'FLY_APP_NAME' not in os.environ\n" }];
    expect(inferPlatforms(deploy(['heroku'], [{ kind: 'procfile', path: 'Procfile' }]), sources).platforms.map((fact) => fact.platform)).toEqual(['heroku']);
    expect(inferPlatforms(deploy(['docker'], [{ kind: 'dockerfile', path: 'Dockerfile' }]), sources).platforms.map((fact) => [fact.platform, fact.how])).toEqual([
      ['docker', 'deploy-file'],
      ['fly', 'marker'],
    ]);
  });

  it('names Kubernetes from its manifests, or from the variable every pod has', () => {
    const manifests = inferPlatforms(deploy(['kubernetes'], [{ kind: 'kubernetes', path: 'k8s/web.yaml' }]), []);
    expect(manifests.platforms.map((fact) => [fact.platform, fact.evidence])).toEqual([['kubernetes', 'k8s/web.yaml']]);
    const marker = inferPlatforms(deploy([]), [{ file: 's.py', text: "IN_CLUSTER = 'KUBERNETES_SERVICE_HOST' in os.environ\n" }]);
    expect(marker.platforms.map((fact) => [fact.platform, fact.how])).toEqual([['kubernetes', 'marker']]);
  });

  it("sets the inferred platform's run-time variables", () => {
    expect(platformVariables(['vercel']).map((variable) => [variable.name, variable.value])).toContainEqual(['VERCEL', '1']);
    expect(platformVariables(['platform-sh']).map((variable) => variable.name)).toContain('PLATFORM_RELATIONSHIPS');
  });
});
