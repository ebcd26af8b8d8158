import { beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '../../src/calendar/calendar.js';
import type { Catalog } from '../../src/catalog/catalog.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import type { RequestType } from '../../src/catalog/schema.js';
import { DialogEngine, type DialogResult } from '../../src/dialog/dialog-engine.js';
import type { DialogState } from '../../src/dialog/dialog-state.js';
import type { Person } from '../../src/directory/person.js';
import { loadFileDirectory, type FileDirectory } from '../../src/directory/file-directory.js';
import { ValidationError } from '../../src/shared/errors.js';
import type { Reply } from '../../src/messages/reply.js';
import { extractFieldValues } from '../../src/nlu/extract-field-values.js';
import type { RequestLifecycle } from '../../src/requests/request-lifecycle.js';
import { validateFields } from '../../src/requests/validate-fields.js';

const zone = 'America/Los_Angeles';
/** 23:30 on Thursday 15 January 2026 in Los Angeles; already the 16th in UTC. */
const lateEvening = new Date('2026-01-16T07:30:00Z');
const clock = () => lateEvening;

let catalog: Catalog;
let directory: FileDirectory;
let software: RequestType;
let sam: Person;
beforeAll(async () => {
  catalog = await loadCatalog('.');
  directory = await loadFileDirectory('integrations/sample-directory/people.yaml');
  software = catalog.requestType('software')!;
  sam = (await directory.findByEmail('sam.patel@example.com'))!;
});

/** Validates a submission as the server does: validateFields with today in the configured zone, read off the same clock. */
function serverValidation(): RequestLifecycle {
  const submit: RequestLifecycle['submit'] = async (input) => {
    await validateFields({
      catalog,
      requestType: catalog.requestType(input.requestTypeId)!,
      requester: input.requester,
      fields: input.fields,
      directory,
      today: isoToday(clock(), zone),
    });
    return { id: 'r1', number: 'REQ-1', status: 'submitted', next: 'Waiting for approval.' };
  };
  return { submit, precheck: async () => undefined } as Partial<RequestLifecycle> as RequestLifecycle;
}

function dialogs(): DialogEngine {
  return new DialogEngine({ catalog, directory, lifecycle: serverValidation(), extractFieldValues, clock, timeZone: zone });
}

function activeState(result: DialogResult): DialogState {
  expect(result.status, JSON.stringify(result.replies)).toBe('active');
  return (result as Extract<DialogResult, { status: 'active' }>).state;
}

function question(replies: Reply[]): Extract<Reply, { kind: 'question' }> {
  const found = replies.find((r) => r.kind === 'question');
  expect(found, JSON.stringify(replies)).toBeDefined();
  return found as Extract<Reply, { kind: 'question' }>;
}

async function atNeededBy(engine: DialogEngine): Promise<{ state: DialogState; replies: Reply[] }> {
  const started = await engine.start({ requestType: software, requester: sam, outcomeId: 'o-west', channel: 'webchat', text: 'I need Photoshop' });
  const result = await engine.continue(activeState(started), sam, 'webchat', { kind: 'text', text: 'Retouching product photos for the spring campaign' });
  expect(question(result.replies).fieldId).toBe('needed-by');
  return { state: activeState(result), replies: result.replies };
}

async function fieldErrors(fields: Record<string, unknown>, today: string): Promise<Record<string, string>> {
  try {
    await validateFields({ catalog, requestType: software, requester: sam, fields, directory, today });
    return {};
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
}

describe('dates at 23:30 in Los Angeles (west of UTC)', () => {
  it('When the person answers "today", then the dialog accepts the local day and the server accepts the submission', async () => {
    const engine = dialogs();
    const { state } = await atNeededBy(engine);
    const answered = await engine.continue(state, sam, 'webchat', { kind: 'text', text: 'today' });
    const summary = answered.replies.find((r) => r.kind === 'summary');
    expect(summary, JSON.stringify(answered.replies)).toBeDefined();
    expect((summary as Extract<Reply, { kind: 'summary' }>).fields.find((f) => f.fieldId === 'needed-by')?.value).toBe('2026-01-15');
    const submitted = await engine.continue(activeState(answered), sam, 'webchat', { kind: 'confirm' });
    expect(submitted.status, JSON.stringify(submitted.replies)).toBe('submitted');
  });

  it('When the date picker is shown, then its bounds are the local days the server accepts, and the days beyond are refused by both', async () => {
    const engine = dialogs();
    const { state, replies } = await atNeededBy(engine);
    const input = question(replies).input;
    expect(input).toEqual({ type: 'date', min: '2026-01-15', max: '2026-07-14' });
    const { min, max } = input as { min: string; max: string };
    const today = isoToday(clock(), zone);
    const valid = { product: 'adobe-photoshop', justification: 'Retouching product photos' };

    expect(await fieldErrors({ ...valid, 'needed-by': min }, today)).toEqual({});
    expect(await fieldErrors({ ...valid, 'needed-by': max }, today)).toEqual({});
    expect(await fieldErrors({ ...valid, 'needed-by': '2026-01-14' }, today)).toEqual({ 'needed-by': 'Needed by must be on or after 2026-01-15' });
    expect(await fieldErrors({ ...valid, 'needed-by': '2026-07-15' }, today)).toEqual({ 'needed-by': 'Needed by must be on or before 2026-07-14' });

    for (const [picked, accepted] of [
      [min, true],
      [max, true],
      ['2026-01-14', false],
      ['2026-07-15', false],
    ] as const) {
      const result = await engine.continue(structuredClone(state), sam, 'webchat', { kind: 'answer', fieldId: 'needed-by', value: picked });
      expect(
        result.replies.some((r) => r.kind === 'summary'),
        `${picked}: ${JSON.stringify(result.replies)}`,
      ).toBe(accepted);
    }
  });
});
