import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema, ConfigError, loadConfig } from '../../src/config/config.js';

describe('Configuration', () => {
  it('When nothing is set, then Frontdoor starts on the embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ HOST: '127.0.0.1', PORT: 3000, FRONTDOOR_MODE: 'embedded', DATABASE_URL: './data/frontdoor.db' });
  });

  it('When values are wrong, then every problem is named with its variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT: /m);
    expect(problems).toMatch(/^LOG_LEVEL: /m);
  });

  it('When the secure mode is chosen without a web chat secret, then start is refused with the reason', () => {
    expect(() => loadConfig({ FRONTDOOR_MODE: 'secure' })).toThrow(/DIRECTLINE_SECRET: is required when FRONTDOOR_MODE=secure/);
  });

  it('When a variable is set to an empty string, then its default applies', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
  });

  it('When the README is read, then its table documents every configuration variable', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const documented = new Set([...readme.matchAll(/^\| `([A-Za-z][A-Za-z0-9_]+)` \|/gm)].map((m) => m[1]));
    const missing = Object.keys(configSchema.shape).filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
    const unknown = [...documented].filter((key) => !(key in configSchema.shape));
    expect(unknown).toEqual([]);
  });
});
