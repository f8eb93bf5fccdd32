import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';

const RULE = 'deploy/internal-port-published';
const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin']\n";
const DOCKERFILE = 'FROM python:3.12\nCMD ["gunicorn", "mysite.wsgi", "--bind", "0.0.0.0:8000"]\n';
const WEB = 'services:\n  web:\n    build: .\n    ports:\n      - "8000:8000"\n';

describe('deploy/internal-port-published', () => {
  it('reports databases, brokers and Flower that a production compose file publishes on the host', async () => {
    const compose =
      WEB +
      '  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example-pass\n    ports:\n      - "5433:5432"\n' +
      '  queue:\n    build: compose/rabbitmq\n    ports:\n      - "15673:15672"\n      - 5672:5672\n' +
      '  cache:\n    image: redis:7\n    ports:\n      - target: 6379\n        published: 6379\n' +
      '  monitor:\n    image: example/app:latest\n    command: ["celery", "-A", "mysite", "flower"]\n    ports:\n      - 5555:5555\n';
    const found = await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: DOCKERFILE, 'docker-compose.prod.yml': compose }));
    expect(found.map((finding) => [at(finding), finding.severity])).toEqual([
      ['docker-compose.prod.yml:11', 'high'],
      ['docker-compose.prod.yml:15', 'medium'],
      ['docker-compose.prod.yml:20', 'high'],
      ['docker-compose.prod.yml:26', 'high'],
    ]);
    expect(found[0]!.message).toBe(
      'docker-compose.prod.yml publishes PostgreSQL (service db) on every host interface (5433:5432); its password (POSTGRES_PASSWORD) is written in docker-compose.prod.yml',
    );
    expect(JSON.stringify(found)).not.toContain('example-pass');
    expect(found[1]!.message).toBe('docker-compose.prod.yml publishes RabbitMQ (service queue) on every host interface (15673:15672, 5672:5672)');
    expect(found[3]!.message).toContain('Celery Flower (service monitor)');
  });

  it('reports at medium a service open by default once credentials are set', async () => {
    const compose = `${WEB}  cache:\n    image: redis:7\n    command: redis-server --requirepass "$REDIS_PASSWORD"\n    ports:\n      - "6379:6379"\n`;
    const [finding] = await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: DOCKERFILE, 'docker-compose.prod.yml': compose }));
    expect(finding).toMatchObject({ severity: 'medium' });
  });

  it('does not report loopback bindings, expose, the app or a proxy, nor a development compose file', async () => {
    const compose =
      WEB +
      '  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n' +
      '  cache:\n    image: redis:7\n    expose:\n      - "6379"\n' +
      '  mq:\n    image: rabbitmq:3-management\n    ports:\n      - target: 15672\n        published: 15672\n        host_ip: 127.0.0.1\n' +
      '  search:\n    image: elasticsearch:8.0.0\n    ports:\n      - "${BIND_ADDRESS:-127.0.0.1}:9200:9200"\n' +
      '  nginx:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n      - "443:443"\n' +
      '  metrics:\n    image: prometheuscommunity/postgres-exporter\n    ports:\n      - "9187:9187"\n';
    expect(await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: DOCKERFILE, 'docker-compose.prod.yml': compose }))).toEqual([]);
    const dev = 'services:\n  web:\n    build: .\n    volumes:\n      - .:/code\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n';
    expect(await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: DOCKERFILE, 'docker-compose.yml': dev }))).toEqual([]);
    expect(await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: DOCKERFILE, 'docker-compose.dev.yml': dev.replace('    volumes:\n      - .:/code\n', '') }))).toEqual([]);
  });
});
