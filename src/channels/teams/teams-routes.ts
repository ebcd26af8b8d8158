import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from '../../shared/logger.js';
import type { DeliveryInbox } from '../delivery-inbox.js';
import type { PendingDelivery } from '../../store/repositories/channel-receipt-repository.js';
import { activityEnvelopeSchema, isPersonal, teamsActivitySchema, tenantOf, type TeamsActivity } from './activity-schema.js';
import type { BotFrameworkGateway, InvokeAnswer, TurnConnector } from './bot-framework.js';
import { teamsMessage } from './teams-cards.js';
import type { TeamsConversations } from './teams-conversations.js';
import type { TeamsIdentity } from './teams-identity.js';
import type { TeamsInvokes } from './teams-invokes.js';

/** Activities are small; a card submit with a whole form fits easily. */
const activityBodyLimit = 128 * 1024;

/** Bot Framework channels Frontdoor answers: Teams, and the Emulator for local work. */
const channelIds = new Set(['msteams', 'emulator']);

export const welcomeText =
  'Hi, I’m Frontdoor, the IT service desk assistant. Tell me what you need (“I need a new laptop”), ' +
  'ask “status REQ-12”, “my requests” or “my approvals”, or say “new request” for the whole form at once.';

export interface TeamsRouteDeps {
  gateway: BotFrameworkGateway;
  conversations: TeamsConversations;
  invokes: TeamsInvokes;
  identity: TeamsIdentity;
  inbox: DeliveryInbox;
  /** Lower-cased tenant ids; empty: any tenant. */
  allowedTenants: string[];
  log: Pick<Logger, 'warn' | 'error'>;
}

/**
 * POST /api/messages: botbuilder checks the Bot Framework token (with an app id), then the
 * activity is checked with zod, refused from tenants not allowed, taken once by its id
 * (channel_receipts: Teams redelivers when it does not hear back in time) and handled:
 * messages as turns, installs as conversation references, invokes answered in the response.
 */
export function teamsRoutes(deps: TeamsRouteDeps): FastifyPluginAsync {
  // An activity taken by a replica that died before answering it is handled by another, once
  // its lease runs out: in its conversation, as a new message (the HTTP request is gone).
  const replay = async (event: PendingDelivery) => {
    const parsed = teamsActivitySchema.safeParse(event.body);
    if (!parsed.success) return;
    const activity = parsed.data;
    const tenantId = activity.conversation.tenantId;
    await deps.gateway.continue({ serviceUrl: activity.serviceUrl, conversationId: activity.conversation.id, ...(tenantId ? { tenantId } : {}) }, (connector) =>
      dispatch(deps, activity, connector),
    );
  };
  return async (app) => {
    app.addHook('onReady', async () => deps.inbox.start(replay));
    app.addHook('onClose', async () => {
      deps.inbox.stop();
      await deps.inbox.idle();
    });
    app.post('/api/messages', { bodyLimit: activityBodyLimit }, async (request, reply) => {
      const envelope = activityEnvelopeSchema.safeParse(request.body);
      if (!envelope.success) return reply.status(400).send({ error: 'Bad Request', message: 'The body must be a Bot Framework activity' });
      const authorization = typeof request.headers.authorization === 'string' ? request.headers.authorization : '';
      const answer = await deps.gateway.receive({ authorization, activity: envelope.data }, (raw, connector) => handle(deps, raw, connector));
      return reply.status(answer.status).send(answer.body ?? '');
    });
  };
}

async function handle(deps: TeamsRouteDeps, raw: Record<string, unknown>, connector: TurnConnector): Promise<InvokeAnswer | undefined> {
  const parsed = teamsActivitySchema.safeParse(raw);
  if (!parsed.success) return { status: 400, body: { error: 'Bad Request', message: 'The activity is not one Frontdoor reads' } };
  const activity = parsed.data;
  if (!channelIds.has(activity.channelId)) return { status: 200 };
  const tenant = tenantOf(activity);
  if (deps.allowedTenants.length && (!tenant || !deps.allowedTenants.includes(tenant))) {
    deps.log.warn({ tenant }, 'a Teams activity from a tenant that is not allowed was refused');
    return { status: 403, body: { error: 'Forbidden', message: 'This organisation may not use Frontdoor' } };
  }
  if (activity.type === 'invoke') return deps.invokes.handle(activity, connector);

  // Teams redelivers an activity it did not hear back about: each is handled once.
  const receiptId = activity.id ? `${activity.conversation.id}|${activity.id}` : undefined;
  // The activity is kept until it is handled, for another replica to take over if this one dies.
  if (receiptId && !(await deps.inbox.accept(receiptId, activity))) return undefined;
  try {
    await dispatch(deps, activity, connector);
  } finally {
    if (receiptId) await deps.inbox.finished(receiptId);
  }
  return undefined;
}

async function dispatch(deps: TeamsRouteDeps, activity: TeamsActivity, connector: TurnConnector): Promise<void> {
  if (activity.type === 'message') await deps.conversations.message(activity, connector);
  else if (activity.type === 'conversationUpdate' || activity.type === 'installationUpdate') await installed(deps, activity, connector);
}

/**
 * The app was added to a personal scope or a team: the conversation reference is kept, so
 * Frontdoor can write first (approval requests, status changes), and the person is greeted.
 */
async function installed(deps: TeamsRouteDeps, activity: TeamsActivity, connector: TurnConnector): Promise<void> {
  const botId = activity.recipient?.id;
  const added = activity.type === 'installationUpdate' ? activity.action === 'add' : (activity.membersAdded ?? []).some((m) => m.id === botId);
  if (!added) return;
  await deps.identity.rememberPlace(activity);
  if (!isPersonal(activity)) return;
  const person = await deps.identity.personOf(activity, connector);
  if (!person) return;
  await deps.identity.rememberPersonalChat(person.id, activity);
  await connector.send(teamsMessage({ kind: 'text', text: welcomeText }));
}
