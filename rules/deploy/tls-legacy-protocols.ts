/** deploy/tls-legacy-protocols — the nginx configuration production runs accepts SSLv3, TLS 1.0 or TLS 1.1. */
import { defineDeployRule, locationOf, productionNginxConfigs } from '../../src/api/deploy.js';

/** Protocols broken or deprecated (RFC 7568 for SSLv3, RFC 8996 for TLS 1.0 and 1.1); SSL versions are high. */
const LEGACY: Record<string, 'high' | 'medium'> = { sslv2: 'high', sslv3: 'high', tlsv1: 'medium', 'tlsv1.1': 'medium' };

export default defineDeployRule({
  id: 'deploy/tls-legacy-protocols',
  title: 'The proxy accepts legacy TLS or SSL versions',
  severity: 'medium',
  docs: {
    why:
      'TLS 1.0 and 1.1 were deprecated by RFC 8996 (2021): they rely on SHA-1 and CBC constructions with known ' +
      'attacks (BEAST, Lucky13), every current browser has dropped them, and PCI DSS forbids them. Enabling them ' +
      'in `ssl_protocols` helps no real visitor and lets an attacker in the middle downgrade the connection where ' +
      'a client still allows it; SSLv2 and SSLv3 (POODLE, RFC 7568) are broken outright and are reported high. ' +
      'nginx has defaulted to TLSv1.2 and TLSv1.3 since 1.23.4: an explicit list that re-enables the old ' +
      'versions is usually copied from an old tutorial. Only nginx configuration in production places counts.',
    fix:
      'Allow only the current versions (or drop the directive and keep nginx\'s default):\n\n' +
      'ssl_protocols TLSv1.2 TLSv1.3;\n\n' +
      'Mozilla\'s SSL configuration generator gives the matching ciphers for your nginx and OpenSSL versions.',
    refs: [
      'https://www.rfc-editor.org/rfc/rfc8996',
      'https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols',
      'https://ssl-config.mozilla.org/',
    ],
  },
  check(ctx) {
    for (const config of productionNginxConfigs(ctx.workspace, ctx.project.deployView.deploy)) {
      for (const directive of config.directives) {
        // Not proxy_ssl_protocols: that is how nginx talks to the app behind it, not to visitors.
        if (directive.name !== 'ssl_protocols') continue;
        const legacy = directive.args.filter((arg) => LEGACY[arg.toLowerCase()] !== undefined);
        if (legacy.length === 0) continue;
        const high = legacy.some((arg) => LEGACY[arg.toLowerCase()] === 'high');
        ctx.report({
          location: locationOf(config, directive),
          message: `${config.file}: ssl_protocols enables ${legacy.join(', ')}, deprecated and attackable versions no current browser needs`,
          ...(high ? { severity: 'high' as const } : {}),
          evidence: `ssl_protocols ${directive.args.join(' ')};`,
          about: `ssl_protocols ${directive.args.join(' ')}`,
        });
      }
    }
  },
});
