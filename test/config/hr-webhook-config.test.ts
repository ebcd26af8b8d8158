import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';

describe('HR_WEBHOOK_SECRET', () => {
  it('When the secure mode gets a short HR secret, then start is refused with the reason; a long one, or the embedded mode, is accepted', () => {
    expect(() => loadConfig({ FRONTDOOR_MODE: 'secure', HR_WEBHOOK_SECRET: 'short-secret' })).toThrow(/HR_WEBHOOK_SECRET: must be at least 32 characters when FRONTDOOR_MODE=secure/);
    expect(() => loadConfig({ FRONTDOOR_MODE: 'secure', HR_WEBHOOK_SECRET: 'x'.repeat(32) })).not.toThrow(/HR_WEBHOOK_SECRET/);
    expect(loadConfig({ HR_WEBHOOK_SECRET: 'short-secret' }).HR_WEBHOOK_SECRET).toBe('short-secret');
    expect(loadConfig({}).HR_WEBHOOK_SECRET).toBeUndefined();
  });
});
