import type { App } from '@slack/bolt';
import type { SlackListenerContext } from '../listener-context.js';
import { register as cardActions } from './card-action.js';
import { register as deny } from './deny.js';
import { register as formField } from './form-field.js';
import { register as openForm } from './open-form.js';
import { register as showMore } from './show-more.js';
import { register as takeOver } from './take-over.js';

/** One listener per action id, each in its own file; an action id nobody registered is only acked. */
export function register(app: App, ctx: SlackListenerContext): void {
  cardActions(app, ctx);
  deny(app, ctx);
  formField(app, ctx);
  openForm(app, ctx);
  showMore(app, ctx);
  takeOver(app, ctx);
}
