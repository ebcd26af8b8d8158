import { chosenItems, numberAttribute } from './chosen-items.js';
import type { Precheck } from './precheck.js';

/** Hardware from stock: the chosen model must be in stock (`stock` > 0, or `inStock` true). */
export const stockAvailable: Precheck = (ctx) => {
  for (const { fieldId, fieldLabel, item } of chosenItems(ctx)) {
    const stock = numberAttribute(item, 'stock');
    const outOfStock = (stock !== undefined && stock <= 0) || item.attributes.inStock === false;
    if (outOfStock) {
      return {
        fieldId,
        message: `${item.label} is out of stock at the moment. Pick another ${fieldLabel.toLowerCase()}, or say "talk to a person" and the service desk will help.`,
      };
    }
  }
  return undefined;
};
