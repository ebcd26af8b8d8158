import type { Channel } from '../channel.js';
import { directLineRoutes, type DirectLineRouteDeps } from './directline-routes.js';
import { WebChatDelivery } from './webchat-delivery.js';

/**
 * The local web chat: the Direct Line 3.0 subset under /v3/directline inbound; people's
 * latest conversations and every copy of a card outbound. No form view: forms are asked
 * field by field.
 */
export function createWebChatChannel(deps: DirectLineRouteDeps): Channel {
  const delivery = new WebChatDelivery(deps.store);
  return {
    channel: 'webchat',
    routes: () => directLineRoutes(deps),
    deliver: (personId, replies) => delivery.deliver(personId, replies),
    applyCardChange: (personId, change) => delivery.applyCardChange(personId, change),
    messages: delivery.messages,
    // Each turn is answered within its HTTP request; nothing carries on after it.
    idle: async () => undefined,
  };
}
