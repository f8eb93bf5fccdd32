/**
 * Django as a framework of the engine (src/engine/framework.ts): discovery and the production model
 * (src/project, src/production), the settings evaluator's parser (src/python), the report's summary
 * of a Django project, SILENCED_SYSTEM_CHECKS and the "production settings not fully read" cap.
 */
import { DJANGO_LIVE_TWINS } from './live-twins.js';
import type { DiscoveredProject, Framework } from '../engine/framework.js';
import type { Finding } from '../engine/types.js';
import { isChecked, summarizeProduction } from '../production/summary.js';
import { discoverProjects } from '../project/discover.js';
import type { DjangoProject } from '../project/types.js';
import { initPythonParser } from '../python/parser.js';
import { stringItems } from '../python/value.js';
import { djangoEnvFileLoads } from './dotenv-use.js';
import { DJANGO_OPTIONS } from './options.js';
import { literalAdminPasswords } from './superuser-password.js';
import type { FileLocation } from '../core/location.js';
import type { DeployFacts } from '../deploy/types.js';
import type { Workspace } from '../workspace/types.js';
import type { DjangoProjectSummary } from './project-summary.js';

/** The check ids the settings silence: Django drops their messages, so deploycheck drops the findings that mirror them. */
function silencedChecks(project: DjangoProject): Set<string> {
  const settings = project.settings;
  return new Set(settings ? stringItems(settings.get('SILENCED_SYSTEM_CHECKS')) : []);
}

function summarize(project: DjangoProject, checked: boolean): DjangoProjectSummary {
  return {
    kind: 'django',
    root: project.root,
    ...(project.settingsModule ? { settingsModule: project.settingsModule } : {}),
    ...(checked && project.settings ? { settingsFile: project.settings.file } : {}),
    ...(project.settingsModuleOrigin ? { settingsModuleOrigin: project.settingsModuleOrigin.how } : {}),
    djangoVersion: project.djangoVersion,
    production: summarizeProduction(project),
  };
}

function discovered(project: DjangoProject): DiscoveredProject<DjangoProject, DjangoProjectSummary> {
  const checked = isChecked(project);
  let silenced: Set<string> | undefined;
  let summary: DjangoProjectSummary | undefined;
  const summaryOnce = () => (summary ??= summarize(project, checked));
  return {
    project,
    checked,
    keeps(finding: Finding) {
      silenced ??= silencedChecks(project);
      return !finding.django || !silenced.has(finding.django);
    },
    summary: summaryOnce,
    incomplete() {
      const { production } = summaryOnce();
      return production?.checked && production.complete === false ? `${production.missing!.join('; ')}; ${production.hint}` : undefined;
    },
  };
}

/** What deploy/default-credentials reports itself: deploy/secret-in-image counts those values once. */
function reportedCredentials(deploy: DeployFacts, workspace: Workspace): FileLocation[] {
  return literalAdminPasswords(deploy, workspace).map((password) => password.location);
}

export const djangoFramework: Framework<DjangoProject, DjangoProjectSummary> = {
  kind: 'django',
  options: DJANGO_OPTIONS,
  prepare: initPythonParser,
  discover(workspace, { env, envFiles, set, options }) {
    return discoverProjects(workspace, { env, envFiles, set, settings: options.settings, configuration: options.configuration, reportedCredentials, envFileLoads: djangoEnvFileLoads }).map(discovered);
  },
  liveTwins: DJANGO_LIVE_TWINS,
};
