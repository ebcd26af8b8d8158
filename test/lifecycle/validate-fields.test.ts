import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/shared/errors.js';
import { validateFields } from '../../src/requests/validate-fields.js';
import { laptopFields, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

async function errorsOf(requestTypeId: string, email: string, fields: Record<string, unknown>): Promise<Record<string, string>> {
  try {
    await validateFields({ catalog: h.deps.catalog, requestType: h.deps.catalog.requestType(requestTypeId)!, requester: await h.person(email), fields, directory: h.deps.directory, today: '2030-06-10' });
    return {};
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
}

describe('server-side field validation', () => {
  it('When answers are valid, then hidden and unknown fields are dropped', async () => {
    const cleaned = await validateFields({
      catalog: h.deps.catalog, requestType: h.deps.catalog.requestType('laptop')!, requester: await h.person('sam.patel@example.com'),
      fields: { ...laptopFields, reason: 'additional', 'asset-tag': 'LT-12345', justification: 'not asked for a cheap laptop', smuggled: 'x' }, today: '2030-06-10',
    });
    expect(cleaned).toEqual({ model: 'macbook-air-13', reason: 'additional', 'delivery-location': 'London' });
  });

  it('When patterns, dates, lengths and people are wrong, then each field says why', async () => {
    expect(await errorsOf('laptop', 'sam.patel@example.com', { ...laptopFields, 'asset-tag': 'ABC' })).toEqual({ 'asset-tag': 'An asset tag looks like LT-10234 (or type "unknown").' });
    expect(await errorsOf('access', 'sam.patel@example.com', { system: 'github', level: 'read', justification: 'short', 'end-date': '2030-06-10' })).toEqual({
      justification: 'Reason needs at least 10 characters', 'end-date': 'Access until must be on or after 2030-06-11',
    });
    const onboarding = await errorsOf('onboarding', 'dana.lee@example.com', { 'joiner-name': 'Mia Wong', 'personal-email': 'mia@personal.example', 'start-date': '2030-02-30', department: 'engineering', role: 'engineer', title: 'Engineer', manager: 'ghost@example.com', location: 'London' });
    expect(onboarding).toEqual({ 'start-date': 'Start date must be a date (YYYY-MM-DD)', manager: 'ghost@example.com is not in the directory' });
  });
});

describe('unroutable approvals', () => {
  it('When the requester has no manager in the directory, then the request waits on the service desk, who are told', async () => {
    const grace = await h.person('grace.holloway@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: grace, fields: { ...laptopFields, 'asset-tag': 'unknown' }, channel: 'webchat' });
    expect(submitted).toMatchObject({ status: 'submitted', next: 'The service desk will find the right approver for it.' });
    const [line] = await h.deps.lifecycle.status(grace, { number: submitted.number });
    expect(line).toMatchObject({ step: 'Finding an approver', waitingOn: 'the service desk' });
    const agent = (await h.deps.directory.membersOf('service-desk'))[0]!;
    const told = await h.deps.store.read.outbox.forPerson(agent.id);
    expect(JSON.stringify(told.at(-1)!.payload)).toContain(`${submitted.number} (`);
    expect(JSON.stringify(told.at(-1)!.payload)).toContain('No manager is recorded for Grace Holloway in the directory');
  });
});
