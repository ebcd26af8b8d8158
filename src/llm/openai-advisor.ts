import OpenAI from 'openai';
import type { ChoiceField, IntentChoice, LlmAdvisor } from './llm-advisor.js';
import { chosenIntent, extractedValues } from './llm-answers.js';
import type { Logger } from '../shared/logger.js';
import {
  EXTRACTION_SYSTEM_PROMPT, INTENT_SYSTEM_PROMPT, extractionResponseSchema, extractionUserMessage, intentResponseSchema, intentUserMessage,
} from './llm-prompts.js';

export interface OpenAiAdvisorOptions {
  /** Any OpenAI-compatible endpoint, e.g. https://api.openai.com/v1 or a local server. */
  baseURL?: string;
  apiKey: string;
  model: string;
  /** Model for field extraction; the intent model when absent. */
  extractionModel?: string;
  /** One attempt, never retried: past this the local result stands. */
  timeoutMs: number;
  /** After a 429, the model is not asked again for this long (or the Retry-After given). */
  cooldownMs: number;
  /** Questions a day (UTC) this process asks at most; past it the local result stands. Unlimited when absent. */
  dailyCalls?: number;
  clock?: () => number;
  /** Ids and lengths at info; the prompt itself (a person's words) only at debug, never by default. */
  logger: Pick<Logger, 'info' | 'warn' | 'debug'>;
}

type Purpose = 'intent' | 'extraction';

/** The language model's second opinion over OpenAI's chat completions API. */
export class OpenAiAdvisor implements LlmAdvisor {
  private readonly client: OpenAI;
  private readonly clock: () => number;
  private pausedUntil = 0;
  private budget = { day: '', used: 0 };

  constructor(private readonly options: OpenAiAdvisorOptions) {
    // Retries are off: a slow or rate-limited model must not hold up the chat or pile up calls.
    this.client = new OpenAI({ apiKey: options.apiKey, ...(options.baseURL ? { baseURL: options.baseURL } : {}), timeout: options.timeoutMs, maxRetries: 0 });
    this.clock = options.clock ?? Date.now;
  }

  async chooseIntent(text: string, choices: readonly IntentChoice[]): Promise<string | undefined> {
    if (choices.length === 0) return undefined;
    const ids = choices.map((c) => c.id);
    const content = await this.complete('intent', this.options.model, INTENT_SYSTEM_PROMPT, intentUserMessage(text, choices), 'intent_choice', intentResponseSchema(ids), { intents: ids });
    const intent = chosenIntent(content, ids);
    if (content !== undefined && intent === undefined) this.options.logger.warn({ llm: { purpose: 'intent' } }, 'the language model answered outside the allowed intents; its answer is discarded');
    return intent;
  }

  async extractFields(text: string, fields: readonly ChoiceField[]): Promise<Record<string, string>> {
    const sendable = fields.filter((f) => !f.sensitive && f.options.length > 0);
    if (sendable.length === 0) return {};
    const model = this.options.extractionModel ?? this.options.model;
    const content = await this.complete('extraction', model, EXTRACTION_SYSTEM_PROMPT, extractionUserMessage(text, sendable), 'field_values', extractionResponseSchema(sendable), {
      fields: sendable.map((f) => f.id),
      notSent: fields.filter((f) => f.sensitive).map((f) => f.id),
    });
    return extractedValues(content, sendable);
  }

  /** Counts a question against the day's budget; false when the day's questions are spent. */
  private spendFromBudget(): boolean {
    if (this.options.dailyCalls === undefined) return true;
    const day = new Date(this.clock()).toISOString().slice(0, 10);
    if (this.budget.day !== day) this.budget = { day, used: 0 };
    if (this.budget.used >= this.options.dailyCalls) {
      if (this.budget.used === this.options.dailyCalls) this.options.logger.warn({ llm: { dailyCalls: this.options.dailyCalls } }, 'the language model\'s daily budget is spent; the local result stands until tomorrow (UTC)');
      this.budget.used = this.options.dailyCalls + 1;
      return false;
    }
    this.budget.used += 1;
    return true;
  }

  /** The reply's content, or undefined on any error, timeout or rate limit. */
  private async complete(purpose: Purpose, model: string, system: string, user: string, schemaName: string, schema: Record<string, unknown>, logged: object): Promise<string | undefined> {
    if (this.clock() < this.pausedUntil || !this.spendFromBudget()) return undefined;
    this.options.logger.info({ llm: { purpose, model, systemChars: system.length, userChars: user.length, ...logged } }, 'asking the language model');
    this.options.logger.debug({ llm: { purpose, model, system, user, ...logged } }, 'the prompt sent to the language model');
    try {
      const completion = await this.client.chat.completions.create({
        model,
        temperature: 0,
        messages: [{ role: 'system', content: system }, { role: 'user', content: user }],
        response_format: { type: 'json_schema', json_schema: { name: schemaName, strict: true, schema } },
      });
      return completion.choices[0]?.message?.content ?? undefined;
    } catch (error) {
      const status = error instanceof OpenAI.APIError ? error.status : undefined;
      if (status === 429) this.pausedUntil = this.clock() + this.retryAfterMs(error as InstanceType<typeof OpenAI.APIError>);
      // The error's message only: its request details could carry the employee's words.
      this.options.logger.warn({ llm: { purpose, model, status, error: error instanceof Error ? error.name : 'unknown' } }, 'the language model did not answer; the local result stands');
      return undefined;
    }
  }

  private retryAfterMs(error: InstanceType<typeof OpenAI.APIError>): number {
    const header = Number(error.headers?.get('retry-after'));
    return Number.isFinite(header) && header > 0 ? Math.min(header * 1000, 10 * this.options.cooldownMs) : this.options.cooldownMs;
  }
}
