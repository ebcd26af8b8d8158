import type { KnownBlock, ModalView } from '@slack/types';
import type { Catalog } from '../../../catalog/catalog.js';
import type { RequestType } from '../../../catalog/schema.js';
import type { Person } from '../../../directory/person.js';
import { conditionContext, prefillValue } from '../../../dialog/dialog-replies.js';
import { context, section } from '../../../../cards/blockkit/block-builders.js';
import { SlackCallbacks } from '../../../../cards/blockkit/slack-actions.js';
import { fitBlocks, plainText, SlackLimits, userMrkdwn } from '../../../../cards/blockkit/limits.js';
import { fieldInput } from './field-inputs.js';
import { dependencySources } from './form-dependencies.js';
import { encodeMetadata, type ModalMetadata } from './modal-metadata.js';
import { formatCost } from '../../../request-records/display-fields.js';

export interface RequestModalInput {
  catalog: Catalog;
  requestType: RequestType;
  requester: Person;
  /** Answers so far (from the dialog, the first message, or the modal's own state on a rebuild). */
  values: Record<string, unknown>;
  /** Field id -> message, shown under the field (for a rebuilt view; a submission uses response_action: errors). */
  errors?: Record<string, string>;
  /** Extra private_metadata the channel needs back on submit, e.g. the DM to answer in. */
  metadata?: ModalMetadata;
}

/**
 * A request type as a modal: the fields the dialog would ask, shown when their conditions
 * hold for these answers, options filtered for this person, profile prefill where nothing
 * was answered, and dispatching inputs for the fields the rest of the form depends on.
 */
export function buildRequestModal(input: RequestModalInput): ModalView {
  const { catalog, requestType, requester } = input;
  const values = withPrefill(input);
  const ctx = conditionContext(requester, values);
  const visible = catalog.visibleFields(requestType, ctx);
  const dispatching = dependencySources(catalog, requestType);
  const blocks: KnownBlock[] = [section(userMrkdwn(requestType.description))];
  for (const field of visible) {
    blocks.push(fieldInput({ field, options: catalog.optionsFor(field, ctx), value: values[field.id], dispatch: dispatching.has(field.id) }));
    const error = input.errors?.[field.id];
    if (error) blocks.push(context(`:warning: ${userMrkdwn(error, 500)}`));
  }
  const cost = catalog.costOf(requestType, ctx.fields);
  if (cost !== undefined) blocks.push(context(`Cost: *${formatCost(cost, requestType.cost?.currency)}*`));
  return {
    type: 'modal',
    callback_id: SlackCallbacks.requestForm,
    private_metadata: encodeMetadata({ ...input.metadata, requestTypeId: requestType.id }),
    title: plainText(requestType.title, SlackLimits.modalTitle),
    submit: plainText('Submit', SlackLimits.modalButton),
    close: plainText('Cancel', SlackLimits.modalButton),
    blocks: fitBlocks(blocks, SlackLimits.blocksPerView),
  };
}

/** Profile prefill for fields with no answer yet; an answer (even a changed prefill) wins. */
function withPrefill(input: RequestModalInput): Record<string, unknown> {
  const values = { ...input.values };
  for (const field of input.requestType.fields) {
    if (values[field.id] !== undefined) continue;
    const prefill = prefillValue(field, input.requester);
    if (prefill !== undefined) values[field.id] = prefill;
  }
  return values;
}
