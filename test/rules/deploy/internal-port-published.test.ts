import { expect } from 'vitest';
import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin']\n";
const DOCKERFILE = 'FROM python:3.12\nCMD ["gunicorn", "mysite.wsgi", "--bind", "0.0.0.0:8000"]\n';
const WEB = 'services:\n  web:\n    build: .\n    ports:\n      - "8000:8000"\n';
const project = (composeFile: string, compose: string): Files => settingsFiles(SETTINGS, { Dockerfile: DOCKERFILE, [composeFile]: compose }, '5.2.8');
const DEV = 'services:\n  web:\n    build: .\n    volumes:\n      - .:/code\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n';

ruleTester('deploy/internal-port-published', {
  valid: [
    {
      name: 'loopback bindings, expose, the app or a proxy',
      files: project(
        'docker-compose.prod.yml',
        WEB +
          '  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n' +
          '  cache:\n    image: redis:7\n    expose:\n      - "6379"\n' +
          '  mq:\n    image: rabbitmq:3-management\n    ports:\n      - target: 15672\n        published: 15672\n        host_ip: 127.0.0.1\n' +
          '  search:\n    image: elasticsearch:8.0.0\n    ports:\n      - "${BIND_ADDRESS:-127.0.0.1}:9200:9200"\n' +
          '  nginx:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n      - "443:443"\n' +
          '  metrics:\n    image: prometheuscommunity/postgres-exporter\n    ports:\n      - "9187:9187"\n',
      ),
    },
    { name: 'a development compose file (source mounted)', files: project('docker-compose.yml', DEV) },
    { name: 'a development compose file (by name)', files: project('docker-compose.dev.yml', DEV.replace('    volumes:\n      - .:/code\n', '')) },
  ],
  invalid: [
    {
      name: 'databases, brokers and Flower that a production compose file publishes on the host',
      files: project(
        'docker-compose.prod.yml',
        WEB +
          '  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example-pass\n    ports:\n      - "5433:5432"\n' +
          '  queue:\n    build: compose/rabbitmq\n    ports:\n      - "15673:15672"\n      - 5672:5672\n' +
          '  cache:\n    image: redis:7\n    ports:\n      - target: 6379\n        published: 6379\n' +
          '  monitor:\n    image: example/app:latest\n    command: ["celery", "-A", "mysite", "flower"]\n    ports:\n      - 5555:5555\n',
      ),
      findings: [
        {
          at: 'docker-compose.prod.yml:11',
          severity: 'high',
          check: (finding) =>
            expect(finding.message).toBe(
              'docker-compose.prod.yml publishes PostgreSQL (service db) on every host interface (5433:5432); its password (POSTGRES_PASSWORD) is written in docker-compose.prod.yml',
            ),
        },
        {
          at: 'docker-compose.prod.yml:15',
          severity: 'medium',
          check: (finding) => expect(finding.message).toBe('docker-compose.prod.yml publishes RabbitMQ (service queue) on every host interface (15673:15672, 5672:5672)'),
        },
        { at: 'docker-compose.prod.yml:20', severity: 'high' },
        { at: 'docker-compose.prod.yml:26', severity: 'high', message: 'Celery Flower (service monitor)' },
      ],
      hidden: ['example-pass'],
    },
    {
      name: 'a service open by default once credentials are set, at medium',
      files: project('docker-compose.prod.yml', `${WEB}  cache:\n    image: redis:7\n    command: redis-server --requirepass "$REDIS_PASSWORD"\n    ports:\n      - "6379:6379"\n`),
      findings: [{ severity: 'medium' }],
    },
  ],
});
