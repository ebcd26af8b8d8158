import type { Config } from '../config/config.js';
import { OpenAiAdvisor } from './openai-advisor.js';
import type { LlmAdvisor } from './llm-advisor.js';
import type { Logger } from '../shared/logger.js';

type LlmConfig = Pick<Config, 'OPENAI_BASE_URL' | 'OPENAI_API_KEY' | 'OPENAI_MODEL' | 'OPENAI_EXTRACTION_MODEL' | 'LLM_ENABLED' | 'LLM_TIMEOUT_MS' | 'LLM_COOLDOWN_MS' | 'LLM_DAILY_CALLS'>;

/** The language model is off unless an endpoint or key is configured and LLM_ENABLED is not false. */
export function llmEnabled(config: LlmConfig): boolean {
  return Boolean(config.OPENAI_BASE_URL || config.OPENAI_API_KEY) && config.LLM_ENABLED !== 'false';
}

export function llmAdvisorFrom(config: LlmConfig, logger: Pick<Logger, 'info' | 'warn' | 'debug'>): LlmAdvisor | undefined {
  if (!llmEnabled(config)) return undefined;
  return new OpenAiAdvisor({
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
    // Local OpenAI-compatible servers often need no key; the client insists on one.
    apiKey: config.OPENAI_API_KEY ?? 'not-needed',
    model: config.OPENAI_MODEL,
    ...(config.OPENAI_EXTRACTION_MODEL ? { extractionModel: config.OPENAI_EXTRACTION_MODEL } : {}),
    timeoutMs: config.LLM_TIMEOUT_MS,
    cooldownMs: config.LLM_COOLDOWN_MS,
    dailyCalls: config.LLM_DAILY_CALLS,
    logger,
  });
}
