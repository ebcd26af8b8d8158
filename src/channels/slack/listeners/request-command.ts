import type { App, RespondFn } from '@slack/bolt';
import { z } from 'zod';
import type { Reply } from '../../../messages/reply.js';
import type { Person } from '../../../directory/person.js';
import { FrontdoorError } from '../../../shared/errors.js';
import { renderSlackMessage, SlackActions } from '../blocks/index.js';
import { unknownSlackUserText } from '../slack-conversations.js';
import type { SlackListenerContext } from './listener-context.js';

/** The subcommands of /request; anything else is the start of a conversation. */
export type RequestCommand =
  | { kind: 'catalog' }
  | { kind: 'help' }
  | { kind: 'status'; number?: string }
  | { kind: 'mine' }
  | { kind: 'approvals' }
  | { kind: 'cancel'; number?: string }
  | { kind: 'converse'; text: string };

export function parseRequestCommand(text: string): RequestCommand {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'catalog' };
  const [word = '', ...rest] = trimmed.split(/\s+/);
  const number = rest.join(' ').match(/^REQ-?\d+$/i)?.[0]?.toUpperCase();
  switch (word.toLowerCase()) {
    case 'help': return rest.length === 0 ? { kind: 'help' } : { kind: 'converse', text: trimmed };
    case 'status': return rest.length === 0 || number ? { kind: 'status', ...(number ? { number } : {}) } : { kind: 'converse', text: trimmed };
    case 'mine': return rest.length === 0 ? { kind: 'mine' } : { kind: 'converse', text: trimmed };
    case 'approvals': return rest.length === 0 ? { kind: 'approvals' } : { kind: 'converse', text: trimmed };
    case 'cancel': return rest.length === 0 || number ? { kind: 'cancel', ...(number ? { number } : {}) } : { kind: 'converse', text: trimmed };
    default: return { kind: 'converse', text: trimmed };
  }
}

export function helpText(command: string): string {
  return [
    `*${command}* — open the catalog and fill a request form`,
    `*${command} <what you need>* — e.g. \`${command} I need Photoshop\`; we continue in a DM`,
    `*${command} status [REQ-n]* — where your requests are and who they wait on`,
    `*${command} mine* — all your requests, closed ones too`,
    `*${command} approvals* — requests waiting for your decision`,
    `*${command} cancel REQ-n* — withdraw a request of yours`,
  ].join('\n');
}

const commandBody = z.object({ user_id: z.string().min(1), text: z.string().max(4000).default(''), trigger_id: z.string().optional() }).loose();

/** Cards shown at once for `/request approvals`; the rest are on App Home. */
const approvalsShown = 4;

/**
 * /request and its subcommands. The command is acked at once (Slack waits 3 seconds); answers
 * that concern only the person are ephemeral, through the response_url.
 */
export function registerRequestCommand(app: App, ctx: SlackListenerContext): void {
  app.command(ctx.command, async ({ ack, command: raw, respond }) => {
    await ack();
    const parsed = commandBody.safeParse(raw);
    if (!parsed.success) return;
    const { user_id: userId, text, trigger_id: triggerId } = parsed.data;
    const say = (reply: Reply) => respond({ response_type: 'ephemeral', ...renderSlackMessage(reply) });
    const person = await ctx.identity.personOf(userId);
    if (!person) return void (await say({ kind: 'text', text: unknownSlackUserText }));

    const command = parseRequestCommand(text);
    try {
      await run(command, { person, userId, triggerId, say, respond });
    } catch (error) {
      if (!(error instanceof FrontdoorError)) throw error;
      await say({ kind: 'text', text: error.userMessage });
    }
  });

  async function run(command: RequestCommand, c: { person: Person; userId: string; triggerId?: string; say: (r: Reply) => Promise<unknown>; respond: RespondFn }): Promise<void> {
    const { person, say } = c;
    switch (command.kind) {
      case 'help':
        return void (await say({ kind: 'text', text: helpText(ctx.command) }));
      case 'catalog':
        if (ctx.forms && c.triggerId) return ctx.forms.open({ id: SlackActions.openCatalog, values: {} }, { userId: c.userId, triggerId: c.triggerId, client: app.client, rawBody: undefined });
        return void (await say({ kind: 'text', text: helpText(ctx.command) }));
      case 'status':
      case 'mine': {
        const requests = await ctx.lifecycle.status(person, command.kind === 'mine' ? { includeClosed: true } : command.number ? { number: command.number } : {});
        return void (await say({ kind: 'status', requests, emptyText: command.kind === 'mine' ? 'You have no requests yet.' : 'You have no open requests.' }));
      }
      case 'approvals': {
        const cards = await ctx.lifecycle.pendingApprovals(person);
        if (!cards.length) return void (await say({ kind: 'text', text: 'Nothing is waiting for your approval.' }));
        const more = cards.length > approvalsShown ? ` The first ${approvalsShown} are below; App Home lists them all.` : '';
        await say({ kind: 'text', text: `${cards.length} request${cards.length === 1 ? ' is' : 's are'} waiting for your approval.${more}` });
        for (const card of cards.slice(0, approvalsShown)) await say(card);
        return;
      }
      case 'cancel': {
        if (!command.number) return void (await say({ kind: 'text', text: `Which request? For example \`${ctx.command} cancel REQ-1042\`.` }));
        const result = await ctx.lifecycle.cancel({ person, number: command.number, channel: 'slack' });
        return void (await say({ kind: 'text', text: result.message }));
      }
      case 'converse': {
        const opened = await app.client.conversations.open({ users: c.userId });
        const channel = opened.channel?.id;
        if (!channel) return;
        await say({ kind: 'text', text: 'Let’s continue in our direct messages.' });
        await ctx.conversations.converse(person, { slackUserId: c.userId, place: { channel }, text: command.text });
      }
    }
  }
}
