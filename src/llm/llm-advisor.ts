/** An intent the model may choose, with what it is for. */
export interface IntentChoice {
  id: string;
  description: string;
}

/** A field the model may fill: only from `options` (values), never free text. */
export interface ChoiceField {
  id: string;
  label: string;
  multiple: boolean;
  options: Array<{ value: string; label: string }>;
  /** Sensitive fields are never sent; kept here so the guard can be tested. */
  sensitive?: boolean;
}

/**
 * A second opinion from a language model. Every method answers only with ids it was
 * given, and answers "nothing" (undefined, {}) on any doubt, error or timeout: the
 * caller's local result stands.
 */
export interface LlmAdvisor {
  chooseIntent(text: string, choices: readonly IntentChoice[]): Promise<string | undefined>;
  extractFields(text: string, fields: readonly ChoiceField[]): Promise<Record<string, string>>;
}
