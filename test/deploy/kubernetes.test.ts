import { describe, expect, it } from 'vitest';
import { readManifest } from '../../src/deploy/kubernetes.js';
import { deployFactsOf } from '../helpers/deploy.js';

const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: shop-web',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: registry.example.com/shop:1',
  '          command: ["gunicorn"]',
  '          args: ["shop.wsgi", "--bind", "0.0.0.0:8000"]',
  '          env:',
  '            - name: DJANGO_SETTINGS_MODULE',
  '              value: shop.settings.cluster',
  '            - name: SECRET_KEY',
  '              valueFrom:',
  '                secretKeyRef: {name: shop, key: secret-key}',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: shop-web',
  'spec:',
  '  ports: [{port: 80, targetPort: 8000}]',
  '',
].join('\n');
const MIGRATE_JOB = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      containers:\n        - name: migrate\n          command: ["python", "manage.py", "migrate"]\n';
const COMPOSE = 'services:\n  web:\n    build: .\n    ports:\n      - "8000:8000"\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n';
const DOCKERFILE = 'FROM python:3.12\nCMD ["gunicorn", "shop.wsgi"]\n';

function facts(files: Record<string, string>) {
  return deployFactsOf({ 'manage.py': '', ...files });
}

describe('a Kubernetes manifest', () => {
  it("gives each workload container's command and env, a secret as set with its value unknown", () => {
    const { reading, workload, objects } = readManifest('k8s/web.yaml', DEPLOYMENT);
    expect({ workload, objects }).toEqual({ workload: { line: 2, kind: 'Deployment' }, objects: 2 });
    expect(reading.commands.map((command) => [command.text, command.process, command.kind, command.location.line])).toEqual([
      ['gunicorn shop.wsgi --bind 0.0.0.0:8000', 'shop-web web', 'kubernetes', 11],
    ]);
    expect(reading.env.map((variable) => [variable.name, variable.value, variable.source.location?.line])).toEqual([
      ['DJANGO_SETTINGS_MODULE', 'shop.settings.cluster', 14],
      ['SECRET_KEY', undefined, 16],
    ]);
    expect(readManifest('k8s/job.yaml', MIGRATE_JOB).reading.commands).toMatchObject([{ text: 'python manage.py migrate', role: 'release' }]);
    const shell = MIGRATE_JOB.replace('Job', 'Deployment').replace('["python", "manage.py", "migrate"]', '["sh", "-c", "gunicorn shop.wsgi -b :8000"]');
    expect(readManifest('k8s/web.yaml', shell).reading.commands.map((command) => [command.text, command.role])).toEqual([["sh -c 'gunicorn shop.wsgi -b :8000'", undefined]]);
  });

  it('is a problem, not a throw, when it does not parse; a Service alone is no workload', () => {
    const broken = readManifest('k8s/broken.yaml', 'apiVersion: v1\nkind: Deployment\nspec: [unclosed\n');
    expect(broken.reading.problems).toHaveLength(1);
    expect(broken.reading.problems[0]!.location.file).toBe('k8s/broken.yaml');
    expect(readManifest('k8s/svc.yaml', DEPLOYMENT.split('---\n')[1]!).workload).toBeUndefined();
  });
});

describe('Kubernetes as the deploy', () => {
  it('makes production Kubernetes: its commands and env count, the plain compose file is development', () => {
    const deploy = facts({ 'k8s/web.yaml': DEPLOYMENT, 'docker-compose.yml': COMPOSE, Dockerfile: DOCKERFILE });
    expect(deploy.platforms).toContain('kubernetes');
    expect(deploy.composeFiles).toEqual([{ path: 'docker-compose.yml', production: false, why: 'production runs on Kubernetes (Deployment in k8s/web.yaml:2)' }]);
    expect(deploy.composeServices ?? []).toEqual([]);
    expect(deploy.commands.filter((command) => command.kind === 'kubernetes' && command.deployed !== false).map((command) => command.text)).toEqual([
      'gunicorn shop.wsgi --bind 0.0.0.0:8000',
    ]);
    expect(deploy.env.find((variable) => variable.name === 'DJANGO_SETTINGS_MODULE')?.value).toBe('shop.settings.cluster');
  });

  it('leaves compose as production without manifests, with only dev-cluster ones, and keeps a production-named compose file', () => {
    const plain = facts({ 'docker-compose.yml': COMPOSE, Dockerfile: DOCKERFILE });
    expect(plain.composeFiles?.[0]?.production).toBe(true);
    expect(plain.platforms).not.toContain('kubernetes');
    const devCluster = facts({ 'k8s/dev/web.yaml': DEPLOYMENT, 'docker-compose.yml': COMPOSE, Dockerfile: DOCKERFILE });
    expect(devCluster.composeFiles?.[0]?.production).toBe(true);
    const documented = facts({ 'docs/install/k8s/web.yaml': DEPLOYMENT, 'docker-compose.yml': COMPOSE, Dockerfile: DOCKERFILE });
    expect(documented.composeFiles?.[0]?.production).toBe(true);
    expect(documented.platforms).not.toContain('kubernetes');
    const prodCompose = facts({ 'k8s/web.yaml': DEPLOYMENT, 'docker-compose.prod.yml': COMPOSE, Dockerfile: DOCKERFILE });
    expect(prodCompose.composeFiles).toEqual([{ path: 'docker-compose.prod.yml', production: true, why: 'named for production' }]);
  });

  it('reads the manifests skaffold.yaml lists, wherever they are', () => {
    const deploy = facts({
      'skaffold.yaml': 'apiVersion: skaffold/v4beta1\nkind: Config\nmanifests:\n  rawYaml:\n    - ops-cluster/web.yaml\n',
      'ops-cluster/web.yaml': DEPLOYMENT,
      'docker-compose.yml': COMPOSE,
    });
    expect(deploy.platforms).toContain('kubernetes');
    expect(deploy.composeFiles?.[0]?.production).toBe(false);
  });

  it('reads the manifests a CI workflow applies with kubectl, a file or a folder', () => {
    const workflow = (command: string) => `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${command}\n`;
    const file = facts({ '.github/workflows/deploy.yml': workflow('kubectl apply -f ops/web.yaml'), 'ops/web.yaml': DEPLOYMENT, 'docker-compose.yml': COMPOSE });
    expect(file.platforms).toContain('kubernetes');
    const folder = facts({ '.gitlab-ci.yml': 'deploy:\n  script:\n    - kubectl apply --namespace shop -f ./cluster/\n', 'cluster/web.yml': DEPLOYMENT, 'docker-compose.yml': COMPOSE });
    expect(folder.platforms).toContain('kubernetes');
    const e2e = facts({ '.github/workflows/e2e.yml': workflow('kubectl apply -f e2e/web.yaml'), 'e2e/web.yaml': DEPLOYMENT, 'docker-compose.yml': COMPOSE });
    expect(e2e.platforms).not.toContain('kubernetes');
    const other = facts({ '.github/workflows/deploy.yml': workflow('kubectl get pods'), 'ops/web.yaml': DEPLOYMENT, 'docker-compose.yml': COMPOSE });
    expect(other.platforms).not.toContain('kubernetes');
  });

  it('reports an unparsable manifest among the deploy problems', () => {
    const deploy = facts({ 'kubernetes/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec: [unclosed\n' });
    expect(deploy.problems.map((problem) => problem.location.file)).toContain('kubernetes/web.yaml');
  });
});
