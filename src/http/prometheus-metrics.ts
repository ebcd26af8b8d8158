import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { IntegrationHealth } from '../fulfilment/integration-guard.js';
import type { Metrics } from '../shared/metrics.js';
import type { Store } from '../store/store.js';
import { isLoopbackHost } from '../config/loopback.js';

/**
 * The Prometheus side of Metrics: counters recorded as things happen, gauges read from the
 * database when /metrics is scraped (so every replica reports the same shared state), the
 * process's own figures, and HTTP latency by route.
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly turns = new Counter({
    name: 'frontdoor_turns_total',
    help: 'Turns of people, by channel and outcome',
    labelNames: ['channel', 'outcome'],
    registers: [this.registry],
  });
  private readonly decisions = new Counter({
    name: 'frontdoor_classifier_decisions_total',
    help: 'Classifier decisions on free text (confident, ambiguous, unsure)',
    labelNames: ['decision'],
    registers: [this.registry],
  });
  private readonly calls = new Histogram({
    name: 'frontdoor_integration_call_duration_seconds',
    help: 'Integration calls by integration, operation and outcome',
    labelNames: ['integration', 'operation', 'outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly http = new Histogram({
    name: 'frontdoor_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });
  private readonly byState = {
    requests: this.stateGauge('frontdoor_requests', 'Requests by status'),
    approvals: this.stateGauge('frontdoor_approvals', 'Approvals by status'),
    steps: this.stateGauge('frontdoor_fulfilment_steps', 'Fulfilment steps by status'),
    triage: this.stateGauge('frontdoor_triage_items', 'Triage items by status'),
  };
  private readonly outboxPending = new Gauge({ name: 'frontdoor_outbox_pending', help: 'Notifications waiting to be delivered', registers: [this.registry] });
  private readonly deadLetters = new Gauge({ name: 'frontdoor_outbox_dead_letters', help: 'Notifications whose attempts ran out', registers: [this.registry] });
  private readonly queued = new Gauge({ name: 'frontdoor_fulfilment_queue_depth', help: 'Fulfilment work queued', registers: [this.registry] });
  private readonly expiredLeases = new Gauge({
    name: 'frontdoor_fulfilment_leases_expired',
    help: 'Queued fulfilment work whose replica stopped renewing its lease (taken over on the next sweep)',
    registers: [this.registry],
  });

  private readonly deferred = new Counter({
    name: 'frontdoor_integration_calls_deferred_total',
    help: 'Step calls not made, by integration, operation and reason (breaker-open, paused after a 429, busy); the step waits',
    labelNames: ['integration', 'operation', 'reason'],
    registers: [this.registry],
  });
  private readonly breakers = new Gauge({
    name: 'frontdoor_integration_breaker_state',
    help: 'Circuit breaker of each integration on this replica: 1 for its current state (closed, open, half-open), 0 for the others',
    labelNames: ['integration', 'state'],
    registers: [this.registry],
  });
  private readonly integrationCalls = new Gauge({
    name: 'frontdoor_integration_calls',
    help: 'Calls of each integration on this replica, running (in_flight) or waiting for a free slot (queued)',
    labelNames: ['integration', 'state'],
    registers: [this.registry],
  });
  private readonly paused = new Gauge({
    name: 'frontdoor_integration_paused_seconds',
    help: 'Seconds until an integration that answered 429 with Retry-After is called again (0: not paused)',
    labelNames: ['integration'],
    registers: [this.registry],
  });
  private integrations: () => IntegrationHealth[] = () => [];

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'frontdoor_' });
  }

  turn(channel: string, outcome: 'answered' | 'failed'): void {
    this.turns.inc({ channel, outcome });
  }

  classified(decision: string): void {
    this.decisions.inc({ decision });
  }

  integrationCall(integration: string, operation: string, outcome: 'ok' | 'failed', seconds: number): void {
    this.calls.observe({ integration, operation, outcome }, seconds);
  }

  integrationDeferred(integration: string, operation: string, reason: string): void {
    this.deferred.inc({ integration, operation, reason });
  }

  /** Where the integrations' breakers, calls and pauses are read when scraped (this replica's). */
  watchIntegrations(read: () => IntegrationHealth[]): void {
    this.integrations = read;
  }

  /** Observes every response's latency under its route pattern (never the raw URL, which holds ids). */
  installHttpTiming(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      this.http.observe(
        { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
  }

  /** GET /metrics in the Prometheus text format, for a scraper with METRICS_TOKEN or a direct loopback request. */
  route(store: Store, now: () => number, token: string | undefined) {
    return async (app: FastifyInstance) => {
      app.get('/metrics', { schema: { hide: true }, config: { rateLimit: false } }, async (request, reply) => {
        if (!allowed(request, token)) {
          return reply
            .status(token ? 401 : 403)
            .send({
              error: 'forbidden',
              message: token
                ? 'Send the metrics token as a bearer token'
                : 'Metrics are served to this machine only; set METRICS_TOKEN to scrape from elsewhere',
            });
        }
        await this.readGauges(store, now());
        return reply
          .header('content-type', this.registry.contentType)
          .header('cache-control', 'no-store')
          .send(await this.registry.metrics());
      });
    };
  }

  private async readGauges(store: Store, now: number): Promise<void> {
    const g = await store.read.gauges.read(now);
    setStates(this.byState.requests, g.requestsByStatus);
    setStates(this.byState.approvals, g.approvalsByStatus);
    setStates(this.byState.steps, g.stepsByStatus);
    setStates(this.byState.triage, g.triageByStatus);
    this.outboxPending.set(g.outboxPending);
    this.deadLetters.set(g.outboxDeadLetters);
    this.queued.set(g.fulfilmentQueued);
    this.expiredLeases.set(g.fulfilmentLeasesExpired);
    this.readIntegrations(now);
  }

  private readIntegrations(now: number): void {
    this.breakers.reset();
    this.integrationCalls.reset();
    this.paused.reset();
    for (const i of this.integrations()) {
      for (const state of ['closed', 'open', 'half-open'] as const) this.breakers.set({ integration: i.integration, state }, i.breaker === state ? 1 : 0);
      this.integrationCalls.set({ integration: i.integration, state: 'in_flight' }, i.inFlight);
      this.integrationCalls.set({ integration: i.integration, state: 'queued' }, i.queued);
      this.paused.set({ integration: i.integration }, i.pausedUntil ? Math.max(0, (Date.parse(i.pausedUntil) - now) / 1000) : 0);
    }
  }

  private stateGauge(name: string, help: string): Gauge<'status'> {
    return new Gauge({ name, help, labelNames: ['status'], registers: [this.registry] });
  }
}

/** A state no row holds any more reads 0 rather than keeping its last count. */
function setStates(gauge: Gauge<'status'>, counts: Record<string, number>): void {
  gauge.reset();
  for (const [status, n] of Object.entries(counts)) gauge.set({ status }, n);
}

function allowed(request: FastifyRequest, token: string | undefined): boolean {
  if (token) {
    const sent = Buffer.from(request.headers.authorization ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    return sent.length === expected.length && timingSafeEqual(sent, expected);
  }
  // Through a proxy on this machine the peer is loopback too: a forwarded request is not local.
  return isLoopbackHost(request.socket.remoteAddress ?? '') && request.headers['x-forwarded-for'] === undefined;
}
