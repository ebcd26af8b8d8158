import { chosenItems, numberAttribute } from './chosen-items.js';
import type { Precheck } from './precheck.js';

/** Software with a licence pool: the chosen product must have a free seat (`licencesAvailable` > 0). */
export const licenceAvailable: Precheck = (ctx) => {
  for (const { fieldId, fieldLabel, item } of chosenItems(ctx)) {
    const free = numberAttribute(item, 'licencesAvailable');
    if (free !== undefined && free <= 0) {
      return {
        fieldId,
        message: `There are no free ${item.label} licences right now. Pick another ${fieldLabel.toLowerCase()}, or say "talk to a person" and the service desk will help.`,
      };
    }
  }
  return undefined;
};
