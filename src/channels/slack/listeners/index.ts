import type { App } from '@slack/bolt';
import { registerAppHome } from './app-home.js';
import { register as registerBlockActions } from './actions/index.js';
import { registerDenyReasonView } from './deny-reason-view.js';
import type { SlackListenerContext } from './listener-context.js';
import { registerMessageEvents } from './message-events.js';
import { registerRequestCommand } from './request-command.js';
import { registerShortcuts } from './shortcuts.js';
import { registerRequestFormViews } from './request-form-views.js';
import { registerOptionsLoad } from './options-load.js';

export { handledEvents, globalShortcuts, type SlackListenerContext } from './listener-context.js';

/** Every Slack listener; a new one is a file in this folder and one line here. */
export function registerListeners(app: App, ctx: SlackListenerContext): void {
  registerMessageEvents(app, ctx);
  registerAppHome(app, ctx);
  registerBlockActions(app, ctx);
  registerDenyReasonView(app, ctx);
  registerRequestCommand(app, ctx);
  registerShortcuts(app, ctx);
  registerRequestFormViews(app, ctx);
  registerOptionsLoad(app, ctx);
}
