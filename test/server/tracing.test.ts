import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../lifecycle/harness.js';
import { waitFor } from '../fulfilment/another-replica.js';
import { message, postActivity, startConversation } from '../webchat/webchat-harness.js';

/* Operators send spans to their OpenTelemetry collector over OTLP/HTTP; without one configured, nothing leaves the process. */

interface OtlpAttribute { key: string; value: { stringValue?: string; intValue?: number | string; boolValue?: boolean } }
interface OtlpSpan { name: string; attributes: OtlpAttribute[] }
interface OtlpExport { resourceSpans: Array<{ resource: { attributes: OtlpAttribute[] }; scopeSpans: Array<{ spans: OtlpSpan[] }> }> }

/** A local collector: what it was sent, by path, as the raw bodies. */
class FakeCollector {
  readonly received: Array<{ path: string; contentType: string | undefined; body: string }> = [];
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      this.received.push({ path: request.url ?? '', contentType: request.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  spans(): OtlpSpan[] {
    return this.received.flatMap((r) => (JSON.parse(r.body) as OtlpExport).resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((s) => s.spans)));
  }
}

function attributes(span: OtlpSpan): Record<string, unknown> {
  return Object.fromEntries(span.attributes.map((a) => [a.key, a.value.stringValue ?? a.value.boolValue ?? (a.value.intValue === undefined ? undefined : Number(a.value.intValue))]));
}

let h: ApiHarness | undefined;
let collector: FakeCollector | undefined;
afterEach(async () => {
  await h?.close();
  await collector?.close();
  h = undefined;
  collector = undefined;
});

async function chatAndFulfil(harness: ApiHarness) {
  const chat = await startConversation(harness.app);
  expect((await postActivity(harness.app, chat, message('dana.lee@example.com', 'I need a new laptop'))).statusCode).toBe(200);
  const requester = await harness.person('sofia.rossi@example.com');
  const submitted = await harness.deps.lifecycle.submit({ requestTypeId: 'password-reset', requester, fields: { action: 'unlock', account: 'network' }, channel: 'webchat' });
  await waitFor(async () => (await harness.deps.store.read.requests.findById(submitted.id))!.status === 'fulfilled', `${submitted.number} is fulfilled`);
  return submitted;
}

describe('tracing', () => {
  it('When OTEL_EXPORTER_OTLP_ENDPOINT is set, then a web chat turn and a fulfilment step call reach the collector as spans with their channel, decision, integration and outcome, and nothing a person wrote', async () => {
    collector = new FakeCollector();
    const endpoint = await collector.start();
    h = await startApiHarness({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'frontdoor-test' });
    await chatAndFulfil(h);
    await h.close(); // exports what is left
    h = undefined;

    expect(collector.received.length).toBeGreaterThan(0);
    expect(collector.received.every((r) => r.path === '/v1/traces' && r.contentType?.startsWith('application/json'))).toBe(true);
    const exported = JSON.parse(collector.received[0]!.body) as OtlpExport;
    expect(exported.resourceSpans[0]!.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'frontdoor-test' } });

    const spans = collector.spans();
    const turn = spans.find((s) => s.name === 'conversation.turn');
    expect(turn, 'a span for the turn').toBeDefined();
    expect(attributes(turn!)).toMatchObject({ 'frontdoor.channel': 'webchat', 'frontdoor.intent.decision': 'confident', 'frontdoor.outcome': 'answered' });
    const step = spans.find((s) => s.name === 'fulfilment.step identity unlock-account');
    expect(step, 'a span for the step call').toBeDefined();
    expect(attributes(step!)).toMatchObject({ 'frontdoor.integration': 'identity', 'frontdoor.operation': 'unlock-account', 'frontdoor.outcome': 'ok', 'frontdoor.step.attempt': 1 });

    const everything = collector.received.map((r) => r.body).join('\n');
    expect(everything).not.toContain('new laptop');
    expect(everything).not.toContain('dana.lee');
    expect(everything).not.toContain('sofia.rossi');
  });

  it('When no endpoint is configured, then nothing is exported, not even to the default OTLP port', async () => {
    collector = new FakeCollector();
    // The exporter's default address: if the SDK were on without being configured, it would send here.
    const onDefaultPort = await collector.start(4318).then(() => true, () => false);
    if (!onDefaultPort) await collector.start();
    h = await startApiHarness();
    await chatAndFulfil(h);
    await h.close();
    h = undefined;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(collector.received).toEqual([]);
  });
});
