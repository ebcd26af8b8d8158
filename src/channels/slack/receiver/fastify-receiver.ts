import type { IncomingMessage } from 'node:http';
import {
  HTTPModuleFunctions, HTTPResponseAck, verifySlackRequest, type App, type BufferedIncomingMessage, type Logger, type Receiver, type ReceiverEvent,
} from '@slack/bolt';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { checkSlackPayload } from './payload-check.js';
import { stripControlCharacters } from '../../../messages/plain-text.js';

/** The one Request URL for events, slash commands, shortcuts and interactivity. */
export const slackEventsPath = '/slack/events';

export interface FastifySlackReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /**
   * Events API deliveries are kept before the ack: `accept` resolves true the first time an
   * event id is seen (false for a repeat or a retry, which is acked and dropped), and
   * `finished` is called once the event's work is over.
   */
  inbox: {
    accept(eventId: string, body: Record<string, unknown>): Promise<boolean>;
    finished(eventId: string): Promise<void>;
  };
  now?: () => number;
}

/**
 * Bolt's receiver, hosted by our Fastify app instead of Bolt's own HTTP server. It is built on
 * Bolt's HTTP helpers (signature check, url_verification, ssl_check, the 3-second ack), so the
 * HTTP response is sent as soon as a listener acks while its slow work carries on.
 */
export class FastifySlackReceiver implements Receiver {
  private bolt: App | undefined;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly now: () => number;

  constructor(private readonly options: FastifySlackReceiverOptions) {
    this.now = options.now ?? Date.now;
  }

  init(app: App): void {
    this.bolt = app;
  }

  // Fastify owns listening; Bolt's start and stop have nothing to do.
  async start(): Promise<void> {}
  async stop(): Promise<void> {
    await this.idle();
  }

  /** Resolves once every event taken so far has been processed (work continues after the ack). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * The route, in its own encapsulated scope: only here is the body kept raw (the signature
   * covers the exact bytes, JSON or form-encoded); the rest of the app keeps parsing JSON.
   */
  routes(): FastifyPluginAsync {
    return async (app) => {
      app.removeAllContentTypeParsers();
      app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) => done(null, body));
      app.addHook('onClose', async () => this.idle());
      app.post(slackEventsPath, { schema: { hide: true } }, (request, reply) => this.handle(request, reply));
    };
  }

  private async handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (!this.verified(request, raw)) {
      await reply.status(401).send({ error: 'Unauthorized', message: 'The Slack signature is missing, wrong or too old' });
      return;
    }
    const buffered = Object.assign(request.raw, { rawBody: raw }) as BufferedIncomingMessage;
    let body: Record<string, unknown>;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(buffered) as Record<string, unknown>;
      if (!body || typeof body !== 'object') throw new Error('not an object');
      // Checked against the signature as received; from here on, without control characters.
      body = stripControlCharacters(body) as Record<string, unknown>;
    } catch {
      await reply.status(400).send({ error: 'Bad Request', message: 'The Slack payload could not be parsed' });
      return;
    }

    if (body.ssl_check !== '1' && body.type !== 'url_verification') {
      const verdict = checkSlackPayload(body);
      if (verdict.kind === 'reject') {
        this.options.logger.warn(`a signed Slack payload was refused: ${verdict.reason}`);
        await reply.status(400).send({ error: 'Bad Request', message: 'The Slack payload does not have the expected shape' });
        return;
      }
      // A kind of payload nothing here handles: answered now rather than left to time out.
      if (verdict.kind === 'ignore') return void (await reply.status(200).send());
    }

    // From here Bolt's helpers write the response themselves.
    reply.hijack();
    const res = reply.raw;
    if (body.ssl_check === '1') return HTTPModuleFunctions.buildSSLCheckResponse(res);
    if (body.type === 'url_verification') return HTTPModuleFunctions.buildUrlVerificationResponse(res, body);
    if (!this.bolt) return HTTPModuleFunctions.buildNoBodyResponse(res, 503);

    const eventId = body.type === 'event_callback' && typeof body.event_id === 'string' ? body.event_id : undefined;
    if (eventId) {
      let first: boolean;
      try {
        first = await this.options.inbox.accept(eventId, body);
      } catch (error) {
        // Not stored: answer 500 so Slack delivers it again.
        this.options.logger.error('storing a Slack event failed', error);
        return HTTPModuleFunctions.buildNoBodyResponse(res, 500);
      }
      if (!first) return HTTPModuleFunctions.buildContentResponse(res, undefined);
    }

    const ack = new HTTPResponseAck({ logger: this.options.logger, processBeforeResponse: false, httpRequest: buffered, httpRequestBody: body, httpResponse: res });
    const sendAck = ack.bind();
    let acked = false;
    const event: ReceiverEvent = {
      body,
      ack: async (response) => { acked = true; await sendAck(response); },
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(request.raw),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(request.raw),
    };
    // Bolt resolves once every matching listener has run; no listener matched when nothing acked.
    const processed = this.bolt.processEvent(event).then(async () => { if (!acked) await event.ack(); });
    this.track(processed.catch((error: unknown) => HTTPModuleFunctions.defaultProcessEventErrorHandler({
      error: error instanceof Error ? error : new Error(String(error)), logger: this.options.logger, request: buffered as IncomingMessage, response: res, storedResponse: undefined,
    })).finally(() => (eventId ? this.options.inbox.finished(eventId) : undefined)));
  }

  private verified(request: FastifyRequest, raw: Buffer): boolean {
    const signature = request.headers['x-slack-signature'];
    const timestamp = Number(request.headers['x-slack-request-timestamp']);
    if (typeof signature !== 'string' || !Number.isFinite(timestamp)) return false;
    try {
      verifySlackRequest({
        signingSecret: this.options.signingSecret, body: raw.toString('utf8'),
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp }, nowMilliseconds: this.now(),
      });
      return true;
    } catch {
      return false;
    }
  }

  private track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}
