import type { FileLocation } from '../core/location.js';
import type { PathContext } from './paths.js';
import type { DevelopmentSettings } from './settings-role.js';

/** `known`: a credential format a provider defines (high confidence); `entropy`: a random-looking value under a secret-looking name. */
export type SecretTier = 'known' | 'entropy';

export interface SecretHit {
  /** Detector id: a known format (`stripe-live-key`, …), `secret-key-assignment` or `high-entropy`. */
  detector: string;
  tier: SecretTier;
  /** What was found, for messages: `Stripe live secret key`. Never contains the secret. */
  label: string;
  /** The variable or key the value is assigned to, when there is one. */
  name?: string;
  /** The secret itself: hand it to `ctx.report({ secret })`, never print it. */
  secret: string;
  location: FileLocation;
  /** Set when the file is a test, fixture, CI, dev-only or docs file: only live provider credentials are reported there, at lower severity. */
  context?: PathContext;
  /** Set by secretsOutsideEnvFiles when the file is a settings module production does not use (see settings-role.ts). */
  developmentSettings?: DevelopmentSettings;
}
