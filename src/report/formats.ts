/** The report formats `check --format` takes (kept apart from the formatters so the CLI can list them cheaply). */
export const FORMATS = ['pretty', 'json', 'sarif', 'junit', 'gitlab', 'github', 'markdown'] as const;
export type ReportFormat = (typeof FORMATS)[number];
/** The formats for CI systems, which a live scan writes too. */
export const CI_FORMATS = ['sarif', 'junit', 'gitlab', 'github', 'markdown'] as const satisfies readonly ReportFormat[];
export type CiFormat = (typeof CI_FORMATS)[number];
