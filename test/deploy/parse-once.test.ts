import type * as Fly from '../../src/deploy/fly.js';
import { describe, expect, it, vi } from 'vitest';
import { makeProject } from '../helpers/project.js';

/** The paths of every fly.toml read, so the test can tell how often each one was parsed. */
const flyReads = vi.hoisted(() => [] as string[]);
vi.mock('../../src/deploy/fly.js', async (importOriginal) => {
  const fly = await importOriginal<typeof Fly>();
  return {
    ...fly,
    readFlyToml: (path: string, text: string) => {
      flyReads.push(path);
      return fly.readFlyToml(path, text);
    },
  };
});

const { readDeployFacts } = await import('../../src/deploy/index.js');
const { openWorkspace } = await import('../../src/workspace/index.js');

describe('platform files', () => {
  it('fly.toml is parsed once, for the Dockerfile it builds and for what it runs', () => {
    const root = makeProject({
      'fly.toml': "app = 'site'\n[build]\n  build-target = 'production'\n[http_service]\n  force_https = true\n",
      Dockerfile: 'FROM python:3.12 AS production\nCMD gunicorn site.wsgi\n',
    });
    flyReads.length = 0;
    const facts = readDeployFacts(openWorkspace(root), '');
    expect(facts.platforms).toContain('fly');
    expect(facts.platformSettings.forceHttps?.value).toBe(true);
    expect(flyReads).toEqual(['fly.toml']);
  });
});
