/** deploy/internal-port-published — a database, cache, broker or admin UI of a production compose file listens on the host's public interfaces. */
import { defineDeployRule } from '../../src/api/deploy.js';

export default defineDeployRule({
  id: 'deploy/internal-port-published',
  title: 'A database, cache, broker or admin UI is published on the host',
  severity: 'medium',
  docs: {
    why:
      'Services on one compose network reach each other by service name without any `ports:`. A `ports:` entry ' +
      'publishes the port on every interface of the host, and Docker inserts its own firewall rules ahead of ufw or ' +
      'firewalld, so a server\'s firewall usually does not stop it: the database, Redis, RabbitMQ or Flower is then ' +
      'reachable from the internet, where scanners try default and leaked passwords within hours. Redis, Memcached, ' +
      'MongoDB, Kafka and Celery Flower answer without any credentials as their images start them (high severity ' +
      'when nothing sets credentials), and a password written in the repository is no protection (high). Only the ' +
      'compose files production runs count, not docker-compose.override.yml or development files; a port bound to ' +
      '127.0.0.1 is not reported.',
    fix:
      'Remove the `ports:` of internal services (the app reaches them as `db:5432` on the compose network), or bind ' +
      'them to the loopback interface when a tool on the host needs them:\n\n' +
      'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n\n' +
      'Put admin UIs such as Flower behind the reverse proxy with authentication, and move passwords to an env file ' +
      'the repository does not contain.',
    refs: [
      'https://docs.docker.com/compose/how-tos/networking/',
      'https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-and-ufw',
      'https://flower.readthedocs.io/en/latest/auth.html',
    ],
  },
  check(ctx) {
    for (const compose of ctx.project.deployView.deploy.composeServices ?? []) {
      for (const internal of compose.internalPorts ?? []) {
        const ports = internal.ports.map((port) => port.text).join(', ');
        const open = internal.kind.openByDefault && !internal.auth;
        const why = internal.committedPassword
          ? `; its password (${internal.committedPassword.name}) is written in ${internal.committedPassword.location.file}`
          : open
            ? '; nothing sets credentials, and it answers without any as its image starts it'
            : '';
        ctx.report({
          location: internal.ports[0]!.location,
          message: `${compose.path} publishes ${internal.kind.label} (service ${internal.service}) on every host interface (${ports})${why}`,
          ...(open || internal.committedPassword ? { severity: 'high' as const } : {}),
          ...(internal.committedPassword ? { related: [{ location: internal.committedPassword.location, message: `${internal.committedPassword.name} is set here` }] } : {}),
          evidence: `ports: ${ports}`,
          about: `${internal.service} ports ${ports}`,
        });
      }
    }
  },
});
