import type * as Fly from '../../src/deploy/fly.js';
import type * as ServerConfig from '../../src/deploy/server-config.js';
import { describe, expect, it, vi } from 'vitest';
import { makeProject } from '../helpers/project.js';
import { workspaceOf } from '../helpers/workspace.js';

/** The paths each mocked reader parsed, so the test can tell how often each file was parsed; `recording` wraps a reader. */
const { flyReads, iniReads, recording } = vi.hoisted(() => ({
  flyReads: [] as string[],
  iniReads: [] as string[],
  recording:
    <T>(paths: string[], read: (path: string, text: string) => T) =>
    (path: string, text: string): T => {
      paths.push(path);
      return read(path, text);
    },
}));
vi.mock('../../src/deploy/fly.js', async (importOriginal) => {
  const fly = await importOriginal<typeof Fly>();
  return { ...fly, readFlyToml: recording(flyReads, fly.readFlyToml) };
});
vi.mock('../../src/deploy/server-config.js', async (importOriginal) => {
  const config = await importOriginal<typeof ServerConfig>();
  return { ...config, readUwsgiIni: recording(iniReads, config.readUwsgiIni) };
});

const { readOtherDeployFiles } = await import('../../src/deploy/other-files.js');
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

describe('deploy files of the whole repository', () => {
  it('are parsed once per workspace, whichever project asks, and each project gets its own commands', () => {
    const workspace = workspaceOf({ 'uwsgi.ini': '[uwsgi]\nmodule = config.wsgi:application\n', 'site/manage.py': '' });
    iniReads.length = 0;
    const root = readOtherDeployFiles(workspace, [''], '');
    const site = readOtherDeployFiles(workspace, ['site'], 'site');
    expect(iniReads).toEqual(['uwsgi.ini']);
    expect(site.files.map((file) => file.path)).toEqual(['uwsgi.ini']);
    expect(site.files[0]!.reading.commands).toEqual(root.files[0]!.reading.commands);
    expect(site.files[0]!.reading.commands[0]).not.toBe(root.files[0]!.reading.commands[0]);
  });
});
