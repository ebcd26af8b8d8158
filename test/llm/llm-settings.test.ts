import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { llmAdvisorFrom, llmEnabled } from '../../src/llm/llm-settings.js';

const quiet = { info: () => undefined, warn: () => undefined, debug: () => undefined };

describe('LLM settings', () => {
  it('When nothing is configured, then the language model is off', () => {
    expect(llmEnabled(loadConfig({}))).toBe(false);
    expect(llmAdvisorFrom(loadConfig({}), quiet)).toBeUndefined();
  });

  it('When an endpoint or a key is set, then it is on unless LLM_ENABLED=false', () => {
    expect(llmEnabled(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' }))).toBe(true);
    expect(llmEnabled(loadConfig({ OPENAI_API_KEY: 'sk-test' }))).toBe(true);
    expect(llmEnabled(loadConfig({ OPENAI_API_KEY: 'sk-test', LLM_ENABLED: 'false' }))).toBe(false);
    expect(llmAdvisorFrom(loadConfig({ OPENAI_API_KEY: 'sk-test' }), quiet)).toBeDefined();
  });

  it('When the timeout is not a number, then the configuration is refused', () => {
    expect(() => loadConfig({ LLM_TIMEOUT_MS: 'soon' })).toThrow(/LLM_TIMEOUT_MS/);
  });
});
