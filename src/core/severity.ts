export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * `certain`: true in the chosen environment.
 * `default`: true only because an environment variable is unset and the code falls back to a
 * default ("fails open"); counts half in the grade.
 */
export type Confidence = 'certain' | 'default';
