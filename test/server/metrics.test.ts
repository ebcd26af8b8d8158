import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { laptopFields, startApiHarness, type ApiHarness } from '../lifecycle/harness.js';
import { message, postActivity, startConversation } from '../webchat/webchat-harness.js';

/* Operators scrape /metrics with Prometheus: what happened (turns, decisions, HTTP), and what the database holds now. */
let h: ApiHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The value of one sample in the Prometheus text format, e.g. `frontdoor_approvals{status="pending"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('When Prometheus scrapes over HTTP, then it reads turns by channel, classifier decisions, HTTP latency by route and the approvals and outbox the database holds', async () => {
    h = await startApiHarness({ METRICS_TOKEN: 'scrape-token-0123456789' });
    const sam = await h.person('sam.patel@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: sam, fields: laptopFields, channel: 'api' });
    const chat = await startConversation(h.app);
    expect((await postActivity(h.app, chat, message('dana.lee@example.com', 'I need a new laptop'))).statusCode).toBe(200);

    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}/metrics`;
    const refused = await fetch(url);
    expect(refused.status).toBe(401);
    const scraped = await fetch(url, { headers: { authorization: 'Bearer scrape-token-0123456789' } });
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toContain('text/plain');
    const text = await scraped.text();

    expect(sample(text, 'frontdoor_turns_total{channel="webchat",outcome="answered"}')).toBe(1);
    expect(sample(text, 'frontdoor_classifier_decisions_total{decision="confident"}')).toBe(1);
    expect(sample(text, 'frontdoor_requests{status="awaiting_approval"}')).toBe(1);
    expect(sample(text, 'frontdoor_approvals{status="pending"}')).toBe(1);
    expect(sample(text, 'frontdoor_outbox_dead_letters')).toBe(0);
    // Routes by their pattern: the conversation id in the URL is no label.
    expect(
      sample(text, 'frontdoor_http_request_duration_seconds_count{method="POST",route="/v3/directline/conversations/:id/activities",status_code="200"}'),
    ).toBe(1);
    expect(text).not.toContain(chat.conversationId);
    expect(text).toContain('frontdoor_process_resident_memory_bytes');

    const approval = (await h.deps.store.read.approvals.listByRequest(submitted.id))[0]!;
    await h.deps.lifecycle.decide({
      approvalId: approval.id,
      actor: await h.person('dana.lee@example.com'),
      decision: 'deny',
      comment: 'Not this year',
      channel: 'api',
    });
    const after = await (await fetch(url, { headers: { authorization: 'Bearer scrape-token-0123456789' } })).text();
    expect(sample(after, 'frontdoor_approvals{status="pending"}')).toBeUndefined();
    expect(sample(after, 'frontdoor_approvals{status="denied"}')).toBe(1);
    expect(sample(after, 'frontdoor_requests{status="rejected"}')).toBe(1);
  });

  it('When no token is configured, then only a direct request from this machine is answered, not one forwarded by a proxy', async () => {
    h = await startApiHarness();
    const local = await h.app.inject({ url: '/metrics' });
    expect(local.statusCode).toBe(200);
    expect(local.body).toContain('frontdoor_requests');
    const forwarded = await h.app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(forwarded.statusCode).toBe(403);
    expect(forwarded.json().message).toContain('METRICS_TOKEN');
    const remote = await h.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(remote.statusCode).toBe(403);
  });
});
