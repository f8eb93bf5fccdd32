import { describe, expect, it } from 'vitest';
import type { Environment, EnvVar } from '../../src/env/types.js';
import { nodeEnvProblem } from '../../src/node/node-env.js';
import type { NodeFrameworkName, NodeProduction, NodeProject } from '../../src/node/types.js';

function environment(vars: EnvVar[] = []): Environment {
  const map = new Map(vars.map((variable) => [variable.name, variable]));
  return { name: 'production', vars: map, files: [], get: (name) => map.get(name) };
}

const start = { command: 'node server.js', location: { file: 'Dockerfile', line: 8, column: 1 }, how: 'Dockerfile CMD' };

function project(production: Partial<NodeProduction>, frameworks: NodeFrameworkName[] = ['express'], vars: EnvVar[] = [], scripts: Record<string, string> = {}): NodeProject {
  return {
    frameworks,
    packageJson: { file: 'package.json', scripts, dependencies: {}, devDependencies: {} },
    environment: environment(vars),
    production: { entries: [], assumptions: [], nodeEnv: { how: 'nothing sets NODE_ENV', confidence: 'default' }, ...production },
  } as unknown as NodeProject;
}

describe('nodeEnvProblem', () => {
  it('reports another value set where production runs, for any framework', () => {
    const nodeEnv = { value: 'development', how: 'Dockerfile ENV', location: { file: 'Dockerfile', line: 5, column: 1 }, confidence: 'certain' as const };
    expect(nodeEnvProblem(project({ start, nodeEnv }, ['next']))).toEqual({ kind: 'other-value', value: 'development', how: 'Dockerfile ENV', location: nodeEnv.location, confidence: 'certain' });
  });

  it('reports an Express server started where nothing sets it', () => {
    expect(nodeEnvProblem(project({ start, platform: 'docker' }))).toEqual({ kind: 'never-set', start: 'node server.js', how: 'Dockerfile CMD', location: start.location });
  });

  it('reads NODE_ENV a wrapper in the start script sets (cross-env)', () => {
    const npmStart = { ...start, command: 'npm start' };
    expect(nodeEnvProblem(project({ start: npmStart, platform: 'docker' }, ['express'], [], { start: 'cross-env NODE_ENV=production node server.js' }))).toBeUndefined();
    expect(nodeEnvProblem(project({ start: npmStart, platform: 'docker' }, ['express'], [], { start: 'cross-env NODE_ENV=dev node server.js' }))).toMatchObject({ kind: 'other-value', value: 'dev', confidence: 'certain' });
  });

  it('leaves production, unknown values, next start, platforms that set it, and other frameworks alone', () => {
    expect(nodeEnvProblem(project({ start, nodeEnv: { value: 'production', how: 'Dockerfile ENV', confidence: 'certain' } }))).toBeUndefined();
    expect(nodeEnvProblem(project({ start }, ['express'], [{ name: 'NODE_ENV', value: undefined, source: { kind: 'platform', label: 'render.yaml' } }]))).toBeUndefined();
    expect(nodeEnvProblem(project({ start: { ...start, command: 'npx next start -p 3000' }, platform: 'docker' }, ['express', 'next']))).toBeUndefined();
    expect(nodeEnvProblem(project({ start, platform: 'heroku' }))).toBeUndefined();
    expect(nodeEnvProblem(project({ start, platform: 'docker' }, ['koa']))).toBeUndefined();
    expect(nodeEnvProblem(project({ start, platform: 'docker' }, ['express', 'nestjs']))).toBeUndefined();
    expect(nodeEnvProblem(project({}))).toBeUndefined();
    // package.json scripts.start alone: no deploy file says which platform runs it.
    expect(nodeEnvProblem(project({ start: { ...start, how: 'package.json scripts.start' } }))).toBeUndefined();
  });
});
