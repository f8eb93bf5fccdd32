/** The Node live twins name rules that exist, and never let a static finding absorb a worse live one. */
import { describe, expect, it } from 'vitest';
import { loadBuiltInScanRules } from '../../src/engine/registry.js';
import { NODE_LIVE_TWINS } from '../../src/node/live-twins.js';

const SEVERITY = ['info', 'low', 'medium', 'high', 'critical'];

describe('NODE_LIVE_TWINS', () => {
  it('pairs node/* rules with built-in web/* scan rules that declare no grade cap', async () => {
    const scanRules = new Map((await loadBuiltInScanRules()).map((rule) => [rule.id, rule]));
    expect(Object.keys(NODE_LIVE_TWINS).length).toBeGreaterThan(0);
    for (const [staticId, liveIds] of Object.entries(NODE_LIVE_TWINS)) {
      expect(staticId).toMatch(/^node\/[a-z-]+$/);
      for (const liveId of liveIds) {
        const rule = scanRules.get(liveId);
        expect(rule, `${staticId} → ${liveId}`).toBeDefined();
        // A capping live rule absorbed into an uncapped static one would lose its cap.
        expect(rule?.cap, liveId).toBeUndefined();
        expect(SEVERITY).toContain(rule?.severity);
      }
    }
    expect(NODE_LIVE_TWINS['node/x-powered-by']).toEqual(['web/x-powered-by']);
    expect(NODE_LIVE_TWINS['node/session-cookie-default-name']).toEqual(['web/session-cookie-default-name']);
    expect(NODE_LIVE_TWINS['node/next-source-maps']).toEqual(['web/source-map-exposed']);
  });
});
