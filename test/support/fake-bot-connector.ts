import Fastify, { type FastifyInstance } from 'fastify';

/** A call the bot made to the Bot Connector API. */
export interface ConnectorCall {
  method: 'POST' | 'PUT' | 'DELETE' | 'GET';
  /** The conversation the call is about (decoded from the path). */
  conversationId: string;
  /** The activity id in the path: replied to (POST), replaced (PUT) or deleted (DELETE). */
  activityId?: string;
  /** The id the fake gave a posted activity. */
  id?: string;
  body?: Record<string, unknown>;
  authorization?: string;
}

/** A roster entry, as GET /v3/conversations/{id}/members/{userId} answers it. */
export interface RosterMember {
  id: string;
  aadObjectId: string;
  name: string;
  userPrincipalName: string;
  email?: string;
  tenantId: string;
  userRole?: 'user' | 'guest';
}

/**
 * A local stand-in for the Bot Connector REST API (v3) that Teams activities point to with
 * their serviceUrl: records every activity the bot posts (send, reply), replaces (PUT) or
 * deletes, answers posts with ids, serves the roster, and creates personal chats
 * (POST /v3/conversations).
 */
export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  /** By user id (`29:...`) and by AAD object id. */
  readonly roster = new Map<string, RosterMember>();
  private app: FastifyInstance | undefined;
  private seq = 0;
  url = '';

  constructor(members: RosterMember[] = []) {
    for (const m of members) this.addMember(m);
  }

  addMember(member: RosterMember): void {
    this.roster.set(member.id, member);
    this.roster.set(member.aadObjectId, member);
  }

  async start(): Promise<void> {
    const app = Fastify({ logger: false });
    const record = (call: ConnectorCall) => {
      this.calls.push(call);
      return call;
    };
    const post = async (request: { params: unknown; body: unknown; headers: Record<string, unknown> }) => {
      const { conversationId, activityId } = request.params as { conversationId: string; activityId?: string };
      const id = `act-${++this.seq}`;
      record({
        method: 'POST',
        conversationId,
        ...(activityId ? { activityId } : {}),
        id,
        body: request.body as Record<string, unknown>,
        ...auth(request.headers),
      });
      return { id };
    };
    app.post('/v3/conversations/:conversationId/activities', post);
    app.post('/v3/conversations/:conversationId/activities/:activityId', post);
    app.put('/v3/conversations/:conversationId/activities/:activityId', async (request) => {
      const { conversationId, activityId } = request.params as { conversationId: string; activityId: string };
      record({ method: 'PUT', conversationId, activityId, body: request.body as Record<string, unknown>, ...auth(request.headers) });
      return { id: activityId };
    });
    app.delete('/v3/conversations/:conversationId/activities/:activityId', async (request) => {
      const { conversationId, activityId } = request.params as { conversationId: string; activityId: string };
      record({ method: 'DELETE', conversationId, activityId, ...auth(request.headers) });
      return {};
    });
    app.get('/v3/conversations/:conversationId/members/:userId', async (request, reply) => {
      const { conversationId, userId } = request.params as { conversationId: string; userId: string };
      record({ method: 'GET', conversationId, activityId: userId, ...auth(request.headers) });
      const member = this.roster.get(userId);
      if (!member) return reply.status(404).send({ error: { code: 'MemberNotFoundInConversation', message: 'The member was not found' } });
      return member;
    });
    app.post('/v3/conversations', async (request) => {
      const body = request.body as { members?: Array<{ id: string }> };
      const user = body.members?.[0]?.id ?? 'nobody';
      const id = `a:personal-${user}`;
      record({ method: 'POST', conversationId: '', body: request.body as Record<string, unknown>, id, ...auth(request.headers) });
      return { id, activityId: `act-${++this.seq}` };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the fake Bot Connector did not listen');
    this.url = `http://127.0.0.1:${address.port}/`;
    this.app = app;
  }

  async stop(): Promise<void> {
    await this.app?.close();
  }

  /** Activities posted to a conversation (sent or replies), in order. */
  posted(conversationId: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.conversationId === conversationId && c.body?.type === 'message');
  }

  /** What a posted activity shows now: its last replacement (PUT), or itself. */
  current(call: ConnectorCall): Record<string, unknown> {
    const replaced = this.calls.filter((c) => c.method === 'PUT' && c.conversationId === call.conversationId && c.activityId === call.id);
    return (replaced.at(-1) ?? call).body ?? {};
  }
}

function auth(headers: Record<string, unknown>): { authorization?: string } {
  return typeof headers.authorization === 'string' ? { authorization: headers.authorization } : {};
}
