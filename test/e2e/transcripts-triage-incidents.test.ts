import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './e2e-harness.js';
import { expectSays } from './play-transcript.js';

const agent = 'fatima.haddad@example.com'; // service desk
const person = 'oliver.grant@example.com';

describe('Transcripts: what is not a service request', () => {
  let e: E2E;
  beforeEach(async () => { e = await startE2E(); });
  afterEach(async () => { await e.close(); });

  const myRequests = async () => ((await e.api(person, 'GET', '/api/v1/requests?includeClosed=true')).json() as { requests: unknown[] }).requests;

  it('When the text means nothing, then it lands in triage, listed for the service desk, and no request is made', async () => {
    const garbage = 'flurb the zanzibar grommets qxv';
    expectSays(await (await e.chat(person)).send(garbage), ['passed this to the service desk', { not: 'REQ-' }], 'garbage');

    const listed = await e.api(agent, 'GET', '/api/v1/triage?status=open');
    expect(listed.statusCode).toBe(200);
    expect((listed.json() as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ channel: 'webchat', personId: person, text: garbage, status: 'open', transcript: expect.arrayContaining([expect.stringContaining(garbage)]) }),
    ]);
    expect((await e.api(person, 'GET', '/api/v1/triage')).statusCode, 'only agents see the queue').toBe(403);
    expect(await myRequests()).toEqual([]);
  });

  it('When someone says "my laptop is broken", then an incident INC-n is recorded and no request is made', async () => {
    const said = await (await e.chat(person)).send('my laptop is broken');
    expectSays(said, [/incident, not a request/, /Your incident number is INC-\d+\./, { not: 'Which device do you need?' }, { not: 'REQ-' }], 'broken laptop');
    const number = Number(/INC-(\d+)/.exec(JSON.stringify(said))![1]);

    const incident = await e.deps.store.read.incidents.byNumber(number);
    expect(incident).toMatchObject({ personId: person, channel: 'webchat', category: 'hardware', text: 'my laptop is broken', status: 'open' });
    expect(await myRequests()).toEqual([]);
  });
});
