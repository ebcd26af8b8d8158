import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsInfo,
  type Activity,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';

/**
 * The one module that imports botbuilder (4.23, the last line of the Bot Framework SDK): the
 * adapter factory and the turn entry. Everything else in src/channels/teams speaks plain
 * activities (JSON, checked with zod) through `BotFrameworkGateway`, so a move to the
 * Microsoft 365 Agents SDK replaces this file.
 */

export interface BotFrameworkSettings {
  appId?: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  /** Bot Framework's OpenID metadata (signing keys) and token endpoint: the public cloud's unless set. */
  openIdMetadataUrl?: string;
  loginUrl?: string;
}

/** Where a conversation is, as the Bot Connector knows it. */
export interface ConversationAddress {
  serviceUrl: string;
  conversationId: string;
  tenantId?: string;
  /** The team a channel conversation belongs to (roster lookups go to the team). */
  teamId?: string;
  botId?: string;
}

/** An activity the bot sends (a message with text or cards), as plain JSON. */
export type OutgoingActivity = Record<string, unknown> & { type: string };

/** What a turn may do on the conversation it came from. */
export interface TurnConnector {
  send(activity: OutgoingActivity): Promise<string | undefined>;
  update(activityId: string, activity: OutgoingActivity): Promise<void>;
  remove(activityId: string): Promise<void>;
  /** The sender's roster entry (userPrincipalName, email, tenant, role), or undefined. */
  member(userId: string): Promise<Record<string, unknown> | undefined>;
}

/** An invoke's answer (adaptiveCard/action, task/fetch, task/submit). */
export interface InvokeAnswer {
  status: number;
  body?: unknown;
}

export type InboundAnswer = { status: number; body?: unknown };

export interface BotFrameworkGateway {
  /**
   * Verifies the activity's token (with an app id) and runs `handle` on it with a connector
   * for its conversation; 401 when the token does not hold, an invoke's answer otherwise.
   */
  receive(
    input: { authorization: string; activity: Record<string, unknown> & { type: string } },
    handle: (activity: Record<string, unknown>, connector: TurnConnector) => Promise<InvokeAnswer | undefined>,
  ): Promise<InboundAnswer>;
  /** A connector for a stored conversation (proactive messages, card updates). */
  continue<T>(address: ConversationAddress, work: (connector: TurnConnector) => Promise<T>): Promise<T>;
  /** Opens (or finds) the bot's personal chat with a user; its conversation id. */
  openPersonalChat(input: { serviceUrl: string; tenantId?: string; userId: string; botId?: string }): Promise<string | undefined>;
}

const publicCloud = {
  loginUrl: 'https://login.microsoftonline.com/botframework.com',
  scope: 'https://api.botframework.com',
  issuer: 'https://api.botframework.com',
  oauthUrl: 'https://api.botframework.com',
  openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  emulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  callerId: 'urn:botframework:azure',
};

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** CloudAdapter's turn entry with an authentication already checked. */
class FrontdoorAdapter extends CloudAdapter {
  run(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(auth, activity, logic);
  }
}

export function createBotFrameworkGateway(settings: BotFrameworkSettings): BotFrameworkGateway {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: settings.appId ?? '',
    MicrosoftAppPassword: settings.appPassword ?? '',
    MicrosoftAppType: settings.appType,
    MicrosoftAppTenantId: settings.tenantId ?? '',
    // Every setting is given, so the SDK takes them as they are (a local cloud in tests).
    ToBotFromChannelOpenIdMetadataUrl: settings.openIdMetadataUrl ?? publicCloud.openIdMetadataUrl,
    ToChannelFromBotLoginUrl:
      settings.loginUrl ??
      (settings.tenantId && settings.appType === 'SingleTenant' ? `https://login.microsoftonline.com/${settings.tenantId}` : publicCloud.loginUrl),
    ToChannelFromBotOAuthScope: publicCloud.scope,
    ToBotFromChannelTokenIssuer: publicCloud.issuer,
    OAuthUrl: publicCloud.oauthUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: publicCloud.emulatorOpenIdMetadataUrl,
    CallerId: publicCloud.callerId,
    ValidateAuthority: true,
  });
  const adapter = new FrontdoorAdapter(auth);
  const appId = settings.appId ?? '';

  const connectorOf = (context: TurnContext, teamId?: string): TurnConnector => ({
    async send(activity) {
      return (await context.sendActivity(activity as Partial<Activity>))?.id;
    },
    async update(activityId, activity) {
      await context.updateActivity({ ...(activity as Partial<Activity>), id: activityId, conversation: context.activity.conversation });
    },
    async remove(activityId) {
      await context.deleteActivity(activityId);
    },
    async member(userId) {
      try {
        if (teamId) context.activity.channelData = { ...(context.activity.channelData as object | undefined), team: { id: teamId } };
        return { ...(await TeamsInfo.getMember(context, userId)) };
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
  });

  return {
    async receive(input, handle) {
      let authenticated: AuthenticateRequestResult;
      const activity = input.activity as unknown as Activity;
      try {
        authenticated = await auth.authenticateRequest(activity, input.authorization);
      } catch (error) {
        if (statusOf(error) === 401 || tokenErrors.has(String((error as { name?: unknown } | undefined)?.name)))
          return { status: 401, body: { error: 'Unauthorized', message: 'The Bot Framework token is missing or not valid for this bot' } };
        throw error;
      }
      let answer: InvokeAnswer | undefined;
      await adapter.run(authenticated, activity, async (context) => {
        const channelData = context.activity.channelData as { team?: { id?: unknown } } | undefined;
        const teamId = typeof channelData?.team?.id === 'string' ? channelData.team.id : undefined;
        answer = await handle(input.activity, connectorOf(context, teamId));
        if (answer && context.activity.type === ActivityTypes.Invoke) {
          await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: answer.status, body: answer.body } });
        }
      });
      return answer ?? { status: 200 };
    },

    async continue<T>(address: ConversationAddress, work: (connector: TurnConnector) => Promise<T>): Promise<T> {
      const reference: Partial<ConversationReference> = {
        channelId: 'msteams',
        serviceUrl: address.serviceUrl,
        conversation: {
          id: address.conversationId,
          isGroup: false,
          conversationType: '',
          name: '',
          ...(address.tenantId ? { tenantId: address.tenantId } : {}),
        },
        ...(address.botId ? { bot: { id: address.botId, name: 'Frontdoor' } } : {}),
      };
      let result: T | undefined;
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        // A proactive message starts something new: not a reply to the SDK's synthetic continuation event.
        delete (context.activity as Partial<Activity>).id;
        result = await work(connectorOf(context, address.teamId));
      });
      return result as T;
    },

    async openPersonalChat(input) {
      let conversationId: string | undefined;
      const parameters = {
        isGroup: false,
        bot: { id: input.botId ?? appId, name: 'Frontdoor' },
        members: [{ id: input.userId, name: '' }],
        ...(input.tenantId ? { tenantId: input.tenantId, channelData: { tenant: { id: input.tenantId } } } : {}),
      } as unknown as ConversationParameters;
      await adapter.createConversationAsync(appId, 'msteams', input.serviceUrl, publicCloud.scope, parameters, async (context) => {
        conversationId = context.activity.conversation?.id;
      });
      return conversationId;
    },
  };
}

/** What jsonwebtoken throws for a token that does not verify (the SDK passes a bad signature on as is). */
const tokenErrors = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/** The HTTP status an SDK error carries (AuthenticationError, a Bot Connector answer), if any. */
function statusOf(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { statusCode?: unknown; status?: unknown };
  const status = e.statusCode ?? e.status;
  return typeof status === 'number' ? status : undefined;
}
