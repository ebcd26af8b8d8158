import { z } from 'zod';
import { SlackLimits } from '../../../../cards/blockkit/limits.js';

/**
 * What a modal remembers between views.open, block_actions and view_submission: the
 * request type, plus whatever the Slack channel adds (e.g. the DM to answer in). Slack
 * hands private_metadata back verbatim, but it is parsed like any other input.
 */
export interface ModalMetadata {
  requestTypeId?: string;
  [key: string]: string | undefined;
}

const metadataSchema = z.record(z.string(), z.string());

export function encodeMetadata(metadata: ModalMetadata): string {
  const clean = Object.fromEntries(Object.entries(metadata).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const full = JSON.stringify(clean);
  if (full.length <= SlackLimits.privateMetadata) return full;
  // The request type is what the form cannot do without; extras go first.
  return JSON.stringify(clean.requestTypeId ? { requestTypeId: clean.requestTypeId } : {});
}

export function metadataFrom(view: unknown): ModalMetadata {
  const raw = view && typeof view === 'object' && 'private_metadata' in view ? (view as { private_metadata: unknown }).private_metadata : undefined;
  if (typeof raw !== 'string' || raw === '') return {};
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
