import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { inputValue } from '../../../../cards/blockkit/action-values.js';
import { SlackCallbacks } from '../../../../cards/blockkit/slack-actions.js';
import { plainText, SlackLimits } from '../../../../cards/blockkit/limits.js';

const reasonBlock = 'reason';
/** The engine accepts comments up to 2000 characters; a shorter box keeps cards readable. */
const reasonMaxLength = 1000;

const metadata = z.object({ approvalId: z.string().min(1) });

/** The modal Deny opens: the approver says why, so the requester knows what to change. */
export function buildDenyReasonModal(approvalId: string): ModalView {
  return {
    type: 'modal',
    callback_id: SlackCallbacks.denyReason,
    private_metadata: JSON.stringify({ approvalId }),
    title: plainText('Deny request', SlackLimits.modalTitle),
    submit: plainText('Deny', SlackLimits.modalButton),
    close: plainText('Cancel', SlackLimits.modalButton),
    blocks: [{
      type: 'input',
      block_id: reasonBlock,
      label: plainText('Reason for denying', SlackLimits.inputLabel),
      hint: plainText('The requester sees this, so say what would change your mind.', SlackLimits.hint),
      element: { type: 'plain_text_input', action_id: reasonBlock, multiline: true, min_length: 1, max_length: reasonMaxLength },
    }],
  };
}

export type DenyReason =
  | { ok: true; approvalId: string; comment: string }
  /** `errors` is ready for `response_action: 'errors'`. */
  | { ok: false; errors: Record<string, string> };

/** Reads the submitted deny-reason view (`view` from the view_submission payload). */
export function denyReasonFrom(view: unknown): DenyReason {
  const v = z.object({ private_metadata: z.string().optional(), state: z.unknown() }).loose().safeParse(view);
  if (!v.success) return { ok: false, errors: { [reasonBlock]: 'This form is out of date; please use Deny on the card again.' } };
  let approvalId: string | undefined;
  try {
    const parsed = metadata.safeParse(JSON.parse(v.data.private_metadata ?? ''));
    approvalId = parsed.success ? parsed.data.approvalId : undefined;
  } catch {
    approvalId = undefined;
  }
  if (!approvalId) return { ok: false, errors: { [reasonBlock]: 'This form is out of date; please use Deny on the card again.' } };
  const raw = inputValue(v.data.state, reasonBlock);
  const comment = typeof raw === 'string' ? raw.trim() : '';
  if (comment === '') return { ok: false, errors: { [reasonBlock]: 'Say why, so the requester knows what to change.' } };
  return { ok: true, approvalId, comment: comment.slice(0, reasonMaxLength) };
}
