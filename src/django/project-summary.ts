/** A Django project as the report describes it (light: the report formats load it without the Django pipeline). */
import type { ProjectSummary } from '../engine/framework.js';
import type { ProductionSummary } from '../production/summary.js';
import type { DjangoVersion, SettingsModuleOrigin } from '../project/types.js';

/** A Django project in the report's `projects[]` (JSON schemaVersion 3: README "JSON report"). */
export interface DjangoProjectSummary extends ProjectSummary {
  kind: 'django';
  settingsModule?: string;
  settingsFile?: string;
  settingsModuleOrigin?: SettingsModuleOrigin;
  djangoVersion: DjangoVersion;
  /** How production was inferred for this project (see src/production). */
  production?: ProductionSummary;
}

export function isDjangoSummary(summary: ProjectSummary): summary is DjangoProjectSummary {
  return summary.kind === 'django';
}
