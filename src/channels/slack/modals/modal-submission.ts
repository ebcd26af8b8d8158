import { z } from 'zod';
import type { Catalog } from '../../../catalog/catalog.js';
import type { Field, RequestType } from '../../../catalog/schema.js';
import type { Person } from '../../../directory/person.js';
import { FrontdoorError, ValidationError } from '../../../shared/errors.js';
import type { RequestLifecycle } from '../../../requests/request-lifecycle.js';
import { pickedValue, valuesFromBlockId, viewStateValues } from '../../../../cards/blockkit/action-values.js';
import type { ExternalFieldRef } from '../blocks/external-select.js';
import { truncate } from '../../../../cards/blockkit/limits.js';
import { metadataFrom } from './modal-metadata.js';

const viewShape = z.object({ state: z.object({ values: viewStateValues }).loose() }).loose();

/**
 * The answers in a submitted (or changed) request modal, as the lifecycle stores them:
 * strings, numbers, booleans for yes-no, lists for multi-choice. A field whose input is in
 * the view but empty is null, so a rebuild does not prefill over what the person cleared;
 * fields not in the view are absent. Validation is the lifecycle's (RequestLifecycle.validate).
 */
export function modalFieldsFrom(view: unknown, requestType: RequestType | string, catalog: Catalog): Record<string, unknown> {
  const type = typeof requestType === 'string' ? catalog.requestType(requestType) : requestType;
  const parsed = viewShape.safeParse(view);
  if (!type || !parsed.success) return {};
  const state = parsed.data.state.values;
  const fields: Record<string, unknown> = {};
  for (const field of type.fields) {
    const element = Object.values(state[field.id] ?? {})[0];
    if (!element) continue;
    fields[field.id] = storedValue(field, pickedValue(element));
  }
  return fields;
}

function storedValue(field: Field, picked: string | string[] | null): unknown {
  if (picked === null) return null;
  if (Array.isArray(picked)) return picked.length ? picked : null;
  const text = field.type === 'text' ? picked.trim() : picked;
  if (text === '') return null;
  if (field.type === 'yes-no') return text === 'yes' ? true : text === 'no' ? false : text;
  if (field.type === 'number') {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

/** Slack shows an error under a block for a few hundred characters at most. */
const errorLength = 300;

/**
 * Field errors as `response_action: 'errors'` wants them: block id (the field id) ->
 * message. Errors that name no block in the form (or a general refusal such as "not
 * eligible") go on the first block, so the person always sees why nothing happened.
 */
export function modalErrors(error: unknown, requestType: RequestType, blockIds?: readonly string[]): Record<string, string> {
  const present = new Set(blockIds ?? requestType.fields.map((f) => f.id));
  const known = requestType.fields.map((f) => f.id).filter((id) => present.has(id));
  const { fieldErrors, general } = errorParts(error);
  const out: Record<string, string> = {};
  const stray: string[] = [];
  for (const [id, message] of Object.entries(fieldErrors)) {
    if (known.includes(id)) out[id] = truncate(message, errorLength);
    else stray.push(message);
  }
  if (Object.keys(out).length === 0 && general) stray.unshift(general);
  const first = known[0];
  if (stray.length && first) out[first] = truncate([out[first], ...stray].filter(Boolean).join(' '), errorLength);
  return out;
}

function errorParts(error: unknown): { fieldErrors: Record<string, string>; general?: string } {
  if (error instanceof ValidationError) return { fieldErrors: error.fieldErrors, general: error.userMessage };
  if (error instanceof FrontdoorError) return { fieldErrors: {}, general: error.userMessage };
  const map = z.record(z.string(), z.string()).safeParse(error);
  if (map.success) return { fieldErrors: map.data };
  return { fieldErrors: {}, general: 'Something went wrong; please try again.' };
}

/** The field ids that have an input in a view (what response_action: errors may name). */
export function inputBlockIds(view: unknown): string[] {
  const blocks = z.object({ blocks: z.array(z.object({ type: z.string(), block_id: z.string().optional() }).loose()) }).loose().safeParse(view);
  return blocks.success ? blocks.data.blocks.filter((b) => b.type === 'input' && b.block_id).map((b) => b.block_id!) : [];
}

export type ModalSubmission = { ok: true; fields: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

/**
 * A submitted request modal checked as the server checks any request (the lifecycle's
 * validate): the cleaned fields to submit, or errors by block for response_action: errors.
 */
export async function validateModalSubmission(input: {
  catalog: Catalog; lifecycle: Pick<RequestLifecycle, 'validate'>; requestType: RequestType; requester: Person; view: unknown;
}): Promise<ModalSubmission> {
  const raw = modalFieldsFrom(input.view, input.requestType, input.catalog);
  try {
    const fields = await input.lifecycle.validate({ requestTypeId: input.requestType.id, requester: input.requester, fields: raw });
    return { ok: true, fields };
  } catch (error) {
    return { ok: false, errors: modalErrors(error, input.requestType, inputBlockIds(input.view)) };
  }
}

/**
 * Which field a block_suggestion asks options for: in a modal the block id is the field
 * id and the request type is in private_metadata; in a message the block id holds the
 * field id and the channel knows the request type from the conversation.
 */
export function externalFieldRefFrom(payload: { block_id?: string; view?: unknown }): Partial<ExternalFieldRef> {
  const blockId = payload.block_id ?? '';
  const { requestTypeId } = metadataFrom(payload.view);
  const fromJson = valuesFromBlockId(blockId).fieldId;
  const fieldId = typeof fromJson === 'string' ? fromJson : blockId || undefined;
  return { ...(requestTypeId ? { requestTypeId } : {}), ...(fieldId ? { fieldId } : {}) };
}
