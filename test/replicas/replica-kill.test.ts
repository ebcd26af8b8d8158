import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDirectory } from '../../src/directory/file-directory.js';
import { type Store } from '../../src/store/store.js';
import { openStore } from '../../src/store/open-store.js';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '../support/test-database.js';
import { runReplicaStream, type StreamEvent, type StreamOutcome } from './replica-stream.js';

const postgres = testPostgresUrl();
if (!postgres) console.log('replica-kill: replicas need Postgres; skipped on SQLite (runs in the Postgres pass of npm test, TEST_DATABASE_URL=postgres://...)');

const emails = parseDirectory('people.yaml', readFileSync(new URL('../../integrations/sample-directory/people.yaml', import.meta.url), 'utf8'))
  .map((p) => p.email).slice(0, 16);

const answeredOnce = (e: StreamEvent) => e.replies.length > 0 && new Set(e.replies).size === e.replies.length;

describe.skipIf(!postgres)('Two replicas on one Postgres, one killed with SIGKILL in the middle of a stream of Slack conversations', () => {
  let dir: string;
  let database: TestDatabase;
  let outcome: StreamOutcome & { stop(): Promise<void> };
  let store: Store;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'frontdoor-replicas-'));
    database = await createTestDatabase(dir);
    outcome = await runReplicaStream({ databaseUrl: database.url, emails, conversations: emails.length, conversationsPerSecond: 4, killAfterAcks: 14, quietMs: 4000, leaseMs: 2000 });
    store = openStore(database.url, { poolSize: 2 });
  }, 90_000);

  afterAll(async () => {
    await outcome?.stop();
    await store?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('When a delivery reaches the dead replica, then Slack\'s retry reaches the live one and is answered once', () => {
    const retried = outcome.events.filter((e) => e.deliveries.some((d) => d.status !== 200) && e.ackedBy === 1);
    expect(retried.length, 'events that found replica 0 dead').toBeGreaterThan(0);
    for (const event of retried) {
      expect(event.deliveries.at(-1)?.retryNum, `${event.id} was retried`).toBeGreaterThan(0);
      expect(answeredOnce(event), `${event.id} "${event.text}": ${JSON.stringify(event.replies)}`).toBe(true);
    }
  });

  it('When replica 0 dies, then replica 1 answers every event it acked, each exactly once, and the conversations it has finish', () => {
    const acked = outcome.events.filter((e) => e.ackedBy === 1);
    expect(acked.length).toBeGreaterThan(emails.length);
    for (const event of acked) expect(answeredOnce(event), `${event.id} "${event.text}": ${JSON.stringify(event.replies)}`).toBe(true);
    expect(outcome.told.size, 'conversations that ended with a request number').toBeGreaterThan(emails.length / 2);
  });

  it('When the stream is over, then every request is recorded once and its requester was told its number at most once', async () => {
    for (const [conversation, numbers] of outcome.told) expect(numbers, `person ${emails[conversation]}`).toHaveLength(1);
    for (const [i, email] of emails.entries()) {
      const recorded = await store.read.requests.listByRequester(email, { includeClosed: true });
      expect(recorded.length, `requests of ${email}`).toBeLessThanOrEqual(1);
      const told = outcome.told.get(i)?.[0];
      if (told) expect(recorded.map((r) => `REQ-${r.number}`)).toEqual([told]);
    }
  });

  /*
   * Replica 0 acked the event and was SIGKILLed while running its turn; Slack got its 200 and
   * never sends it again. The event was stored before the ack, so once replica 0's lease runs
   * out replica 1 takes it over and answers it.
   */
  it('When replica 0 acked an event just before it died, then replica 1 takes it over and answers it once', () => {
    const killed = outcome.events.find((e) => e.id === outcome.ackedJustBeforeKill);
    expect(killed, 'the event acked just before the kill').toBeDefined();
    expect(answeredOnce(killed!), `${killed!.id} "${killed!.text}": ${JSON.stringify(killed!.replies)}`).toBe(true);
  });

  /*
   * Two replicas flush the outbox at the same moment after turns of their own; each row is
   * claimed by one of them (outbox.claimPending, FOR UPDATE SKIP LOCKED with a lease), so an
   * approver gets each card once.
   */
  it('When the stream is over, then each request waiting for approval had its approval card posted exactly once', async () => {
    for (const email of emails) {
      for (const request of await store.read.requests.listByRequester(email, { includeClosed: true })) {
        if (request.status !== 'awaiting_approval') continue;
        expect(outcome.approvalCards.get(`REQ-${request.number}`), `approval cards of REQ-${request.number} (${email})`).toBe(1);
      }
    }
  });
});

describe.skipIf(Boolean(postgres))('Replicas on SQLite', () => {
  it.skip('need Postgres: run with TEST_DATABASE_URL=postgres://... (the Postgres pass of npm test)', () => undefined);
});
