/** deploy/nginx-autoindex — nginx lists the files of a directory of user uploads (`autoindex on`). */
import { childrenOf, defineDeployRule, enclosing, locationOf, productionNginxConfigs } from '../../src/api/deploy.js';
import type { NginxConfig, NginxDirective } from '../../src/api/deploy.js';

/** Paths of user-uploaded files (Django's MEDIA_ROOT and its usual names). */
const UPLOADS = /(?:^|[/_-])(?:media|mediafiles|uploads?|user[-_]?(?:files|content|uploads)|attachments|private)(?:[/_-]|$)/i;
/** Paths of collected static files: public by design. */
const STATIC = /(?:^|[/_-])(?:static|staticfiles|collected[-_]?static|assets)(?:[/_-]|$)/i;

/** What a location serves: its path and the directory it maps to (`alias`, or `root` of the location or server). */
function served(config: NginxConfig, location: NginxDirective): string[] {
  const own = childrenOf(config, location).filter((directive) => directive.name === 'alias' || directive.name === 'root');
  const server = enclosing(location, 'server');
  const inherited = own.length === 0 && server ? childrenOf(config, server).filter((directive) => directive.name === 'root') : [];
  return [location.args.at(-1) ?? '', ...[...own, ...inherited].map((directive) => directive.args[0] ?? '')];
}

export default defineDeployRule({
  id: 'deploy/nginx-autoindex',
  title: 'nginx lists the uploaded files',
  severity: 'high',
  docs: {
    why:
      '`autoindex on` makes nginx answer a request for a directory with a page listing every file in it. On the ' +
      'location that serves media (Django\'s MEDIA_ROOT: what users upload, such as avatars, CVs, invoices, ' +
      'attachments) it hands anyone the names and links of every uploaded file, including those the app only ' +
      'shows to their owner: file names are often the only thing that keeps them private. Reported high on a ' +
      'location whose path or directory names uploads (media, uploads, attachments), medium on one that says ' +
      'nothing about what it serves (a server-wide `autoindex on`, `location /`). On a location serving collected ' +
      'static files only (static, staticfiles, assets) it is not reported: those files are public by design and ' +
      'their names are in every page. Only nginx configuration in production places counts (nginx/, deploy/, ' +
      '*.conf.template; not development, demo or docs folders).',
    fix:
      'Remove `autoindex on` (nginx\'s default is off), or turn it off explicitly for uploads:\n\n' +
      'location /media/ {\n    alias /app/media/;\n    autoindex off;\n}\n\n' +
      'Serve private files through the app (or signed URLs), not from a public location.',
    refs: [
      'https://nginx.org/en/docs/http/ngx_http_autoindex_module.html',
      'https://cwe.mitre.org/data/definitions/548.html',
      'https://docs.djangoproject.com/en/stable/howto/static-files/deployment/',
    ],
  },
  check(ctx) {
    for (const config of productionNginxConfigs(ctx.workspace, ctx.project.deployView.deploy)) {
      for (const directive of config.directives) {
        if (directive.name !== 'autoindex' || directive.args[0]?.toLowerCase() !== 'on') continue;
        const location = enclosing(directive, 'location');
        const paths = location ? served(config, location) : [];
        const uploads = paths.some((path) => UPLOADS.test(path));
        if (!uploads && paths.length > 0 && paths.some((path) => STATIC.test(path))) continue;
        const where = location ? `location ${location.args.join(' ')}` : `the whole ${directive.parent?.name ?? 'configuration'} block`;
        ctx.report({
          location: locationOf(config, directive),
          message: uploads
            ? `${config.file}: autoindex is on for ${where}, which serves uploaded files: anyone can list every upload`
            : `${config.file}: autoindex is on for ${where}: nginx lists the files of every directory it serves there`,
          ...(uploads ? {} : { severity: 'medium' as const }),
          evidence: `${where} { autoindex on; }`,
          about: `${where} autoindex on`,
        });
      }
    }
  },
});
