import type { ModalView, PlainTextElement, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import type { Catalog } from '../../../catalog/catalog.js';
import type { RequestType } from '../../../catalog/schema.js';
import type { Person } from '../../../directory/person.js';
import { eligibleRequestTypes } from '../../../catalog/eligible-request-types.js';
import { context, selectOption } from '../../../../cards/blockkit/block-builders.js';
import { SlackActions, SlackCallbacks } from '../../../../cards/blockkit/slack-actions.js';
import { plainText, SlackLimits } from '../../../../cards/blockkit/limits.js';
import { encodeMetadata, type ModalMetadata } from './modal-metadata.js';

export const pickerBlockId = 'requestType';

/**
 * "What can I request?": one drop-down of the request types this person may ask for,
 * grouped by category. Picking one dispatches, so the channel can swap in the form at once;
 * Next does the same for clients that do not dispatch.
 */
export function buildCatalogPickerModal(catalog: Catalog, requester: Person, metadata: ModalMetadata = {}): ModalView {
  const byCategory = new Map<string, RequestType[]>();
  for (const rt of eligibleRequestTypes(catalog, requester)) byCategory.set(rt.category, [...(byCategory.get(rt.category) ?? []), rt]);
  const groups: Array<{ label: PlainTextElement; options: PlainTextOption[] }> = [...byCategory].sort(([a], [b]) => a.localeCompare(b)).slice(0, SlackLimits.optionGroups).map(([category, types]) => ({
    label: plainText(category, SlackLimits.optionText),
    options: types.slice(0, SlackLimits.optionsPerSelect).map((rt) => selectOption({ value: rt.id, label: rt.title, description: rt.description })),
  }));
  const base = {
    type: 'modal' as const,
    callback_id: SlackCallbacks.catalogPicker,
    private_metadata: encodeMetadata(metadata),
    title: plainText('New request', SlackLimits.modalTitle),
    close: plainText('Cancel', SlackLimits.modalButton),
  };
  if (groups.length === 0) return { ...base, blocks: [context('There is nothing in the catalog you can request. Ask the service desk for help.')] };
  return {
    ...base,
    submit: plainText('Next', SlackLimits.modalButton),
    blocks: [{
      type: 'input',
      block_id: pickerBlockId,
      dispatch_action: true,
      label: plainText('What do you need?', SlackLimits.inputLabel),
      element: { type: 'static_select', action_id: SlackActions.pickRequestType, placeholder: plainText('Choose a request type', SlackLimits.placeholder), option_groups: groups },
    }],
  };
}

const pickerState = z.object({
  state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ selected_option: z.object({ value: z.string() }).loose().nullish() }).loose())) }).loose(),
}).loose();

/** The request type picked in the catalog picker, if it is one this person may ask for. */
export function requestTypeFromPicker(view: unknown, catalog: Catalog, requester: Person): RequestType | undefined {
  const parsed = pickerState.safeParse(view);
  if (!parsed.success) return undefined;
  const picked = Object.values(parsed.data.state.values[pickerBlockId] ?? {})[0]?.selected_option?.value;
  return eligibleRequestTypes(catalog, requester).find((rt) => rt.id === picked);
}
