import type { Catalog } from '../../../catalog/catalog.js';
import type { RequestLifecycle } from '../../../requests/request-lifecycle.js';
import type { HomePublisher } from '../home-publisher.js';
import type { SlackConversations } from '../slack-conversations.js';
import type { SlackIdentity } from '../slack-identity.js';
import type { SlackPoster } from '../slack-poster.js';
import type { RequestForms } from '../forms/request-forms.js';
import type { SlackTakeOver } from '../slack-takeover.js';

export interface ListenerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What every Slack listener may use; Bolt passes the per-request parts (ack, client, body). */
export interface SlackListenerContext {
  conversations: SlackConversations;
  identity: SlackIdentity;
  poster: SlackPoster;
  home: HomePublisher;
  lifecycle: RequestLifecycle;
  catalog: Catalog;
  /** The slash command's name, e.g. /request. */
  command: string;
  log: ListenerLog;
  /** Request forms as modals: the catalog picker, Open as form, dependent fields, submissions. */
  forms?: RequestForms;
  /** The service desk's channel: clicks there are answered in the card's thread. */
  triageChannel?: string;
  /** Agents taking triaged conversations over in the triage channel's threads. */
  takeOver?: SlackTakeOver;
}

/** The handled surface, declared once: the manifest test checks it against manifest.json both ways. */
export const handledEvents = ['message.im', 'app_mention', 'app_home_opened', 'message.channels', 'message.groups'] as const;
export const globalShortcuts = { newRequest: 'new_request' } as const;
