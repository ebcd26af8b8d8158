import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';

/** Sockets kept open to each server, as Slack's deliveries and a load balancer would. */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

let tsSeq = 0;

/** A message.im `event_callback` from `user` in DM `channel`, as Slack sends it. */
export function dmEnvelope(eventId: string, user: string, channel: string, text: string): string {
  const now = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: eventId, event_time: now,
    event: { type: 'message', channel_type: 'im', channel, user, text, ts: `${now}.${String(++tsSeq % 1_000_000).padStart(6, '0')}`, event_ts: `${now}.000000` },
  });
}

/** Slack's v0 signature headers for `body`. */
export function signedHeaders(body: string, secret: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

export interface PostResult {
  /** HTTP status, or 0 when the connection failed (refused, reset, timed out). */
  status: number;
  ms: number;
}

/** POSTs `body` to `url` and resolves with the status and the response time; never rejects. */
export function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs = 10_000): Promise<PostResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (status: number) => {
      if (settled) return;
      settled = true;
      resolve({ status, ms: performance.now() - started });
    };
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) }, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
      res.on('error', () => done(0));
    });
    req.on('timeout', () => { req.destroy(); done(0); });
    req.on('error', () => done(0));
    req.end(body);
  });
}

/** Sends a signed DM event; `retryNum` adds Slack's retry headers (an earlier delivery got no ack). */
export function sendDm(url: string, secret: string, envelope: string, retryNum?: number): Promise<PostResult> {
  const headers = signedHeaders(envelope, secret);
  if (retryNum !== undefined) Object.assign(headers, { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' });
  return postJson(`${url}/slack/events`, envelope, headers);
}
