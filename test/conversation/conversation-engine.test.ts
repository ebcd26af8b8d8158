import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/messages/reply.js';
import { TestClock } from '../support/test-clock.js';
import { Actions, openHarness, question, readable, summary, type Harness } from './engine-harness.js';

let h: Harness;
beforeAll(async () => { h = await openHarness(); });
afterAll(async () => { await h.dispose(); });

const texts = (replies: Reply[]) => readable(replies);

async function submitPhone(email: string, conversationId: string): Promise<string> {
  const chat = h.chat(email, conversationId);
  await chat.say('I need a work phone');
  await chat.say('pixel');
  await chat.say('first');
  await chat.say('no');
  await chat.say('keep');
  const done = texts(await chat.click(Actions.confirm));
  const number = /REQ-\d+/.exec(done)?.[0];
  expect(number, done).toBeDefined();
  return number!;
}

describe('free text outside a dialog', () => {
  it('When someone greets, then the bot says hello and what it can do', async () => {
    const said = texts(await h.chat('sam.patel@example.com', 'greet').say('hi'));
    expect(said).toContain('Hi Sam');
    expect(said).toContain('request software');
  });

  it('When someone reports a broken laptop, then an incident INC-… is recorded and no request is made', async () => {
    const sam = await h.person('sam.patel@example.com');
    const said = texts(await h.chat(sam.email, 'incident').say('my laptop is broken'));
    expect(said).toMatch(/incident number is INC-\d+/);
    expect(said).toContain('A broken or faulty device is an incident');
    const number = Number(/INC-(\d+)/.exec(said)![1]);
    const row = await h.deps.store.read.incidents.byNumber(number);
    expect(row).toMatchObject({ personId: sam.id, category: 'hardware', text: 'my laptop is broken', status: 'open' });
    expect(await h.deps.lifecycle.status(sam, {})).toEqual([]);
  });

  it('When the text means nothing, then a triage item is opened with the transcript and the service desk is told', async () => {
    const said = texts(await h.chat('ethan.brooks@example.com', 'garbage').say('asdf qwerty zxcv'));
    expect(said).toContain('service desk');
    const open = await h.deps.store.read.triage.list('open');
    const item = open.find((i) => i.text === 'asdf qwerty zxcv');
    expect(item).toBeDefined();
    expect(item!.personId).toBe('ethan.brooks@example.com');
    expect(item!.transcript).toEqual(['Ethan Brooks: asdf qwerty zxcv']);
    expect((item!.candidates as unknown[]).length).toBeGreaterThan(0);
    const [agent] = await h.deps.directory.membersOf('service-desk');
    const queued = (await h.deps.store.read.outbox.forPerson(agent.id)).map((row) => row.payload as { replies: Reply[] });
    expect(queued.flatMap((p) => p.replies)).toContainEqual(expect.objectContaining({ kind: 'triage', triageId: item!.id, text: 'asdf qwerty zxcv' }));
  });

  it('When a person keeps writing unplaceable messages, then they fold into the one open item and the service desk is told once', async () => {
    const chat = h.chat('omar.farouk@example.com', 'folding');
    await chat.say('zzkq vlorp');
    await chat.say('plix ququ');
    const [agent] = await h.deps.directory.membersOf('service-desk');
    const mine = (await h.deps.store.read.triage.list('open')).filter((i) => i.conversationId === 'folding');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.text).toBe('plix ququ');
    expect(mine[0]!.transcript).toEqual(expect.arrayContaining(['Omar Farouk: zzkq vlorp', 'Omar Farouk: plix ququ']));
    const told = (await h.deps.store.read.outbox.forPerson(agent.id)).flatMap((row) => (row.payload as { replies: Reply[] }).replies)
      .filter((r) => r.kind === 'triage' && r.triageId === mine[0]!.id);
    expect(told).toHaveLength(1);
  });

  it('When two intents are close, then the bot asks which one with "none of these"; a pick starts that dialog', async () => {
    const chat = h.chat('liam.oconnor@example.com', 'ambiguous');
    const replies = await chat.say('laptop');
    const choices = replies.find((r) => r.kind === 'choices');
    expect(choices, texts(replies)).toBeDefined();
    if (choices?.kind !== 'choices') return;
    expect(choices.actionId).toBe(Actions.pickIntent);
    expect(choices.options.map((o) => o.value)).toEqual(expect.arrayContaining(['request-laptop', 'incident-hardware', 'none']));
    const picked = await chat.click(Actions.pickIntent, { value: 'request-laptop' });
    expect(question(picked).fieldId).toBe('model');
  });

  it('When "none of these" is picked, then the original text goes to triage', async () => {
    const chat = h.chat('liam.oconnor@example.com', 'ambiguous-none');
    await chat.say('laptop');
    const said = texts(await chat.click(Actions.pickIntent, { value: 'none' }));
    expect(said).toContain('service desk');
    const items = await h.deps.store.read.triage.list('open');
    expect(items.some((i) => i.conversationId === 'ambiguous-none' && i.text === 'laptop')).toBe(true);
  });

  it('When asked for help, then the bot says what it can do and offers matching request types', async () => {
    const replies = await h.chat('sam.patel@example.com', 'help').say('what can you do');
    expect(texts(replies)).toContain('where is REQ-1042');
    expect(replies.some((r) => r.kind === 'choices' && r.options.length > 0)).toBe(true);
  });
});

describe('requests through the conversation', () => {
  it('When a request is submitted, then "where is REQ-…" and "where is my phone" find it, and it can be cancelled by number', async () => {
    const sam = 'jordan.rivera@example.com';
    const number = await submitPhone(sam, 'phone');
    const chat = h.chat(sam, 'phone-status');
    const byNumber = await chat.say(`where is ${number}?`);
    expect(byNumber.find((r) => r.kind === 'status')).toMatchObject({ requests: [expect.objectContaining({ number })] });
    const byType = await chat.say('where is my phone');
    expect(texts(byType)).toContain(number);
    const cancelled = texts(await chat.say(`cancel ${number}`));
    expect(cancelled).toContain(number);
    const [line] = await h.deps.lifecycle.status(await h.person(sam), { number, includeClosed: true });
    expect(line.status.toLowerCase()).toContain('cancel');
  });

  it('When the manager asks for approvals and approves on the card, then the request moves on; someone else cannot approve', async () => {
    const number = await submitPhone('alex.kim@example.com', 'phone-approval');
    const manager = h.chat('dana.lee@example.com', 'approvals');
    const cards = await manager.say('my approvals');
    const card = cards.find((r) => r.kind === 'approval' && r.requestNumber === number);
    expect(card, texts(cards)).toBeDefined();
    if (card?.kind !== 'approval') return;
    const intruder = texts(await h.chat('ben.walker@example.com', 'intruder').click(Actions.approve, { approvalId: card.approvalId }));
    expect(intruder).not.toContain('went wrong');
    const before = await h.deps.lifecycle.status(await h.person('alex.kim@example.com'), { number });
    expect(before[0].status).toBe('Awaiting approval');
    await manager.click(Actions.approve, { approvalId: card.approvalId });
    const [after] = await h.deps.lifecycle.status(await h.person('alex.kim@example.com'), { number, includeClosed: true });
    expect(after.status).not.toBe('Awaiting approval');
  });
});

describe('hand-off and persistence', () => {
  it('When the person asks for a person mid-dialog, then a triage item keeps the answers so far and the dialog ends handed-off', async () => {
    const chat = h.chat('omar.farouk@example.com', 'handoff');
    await chat.say('I need a work phone');
    await chat.say('iphone');
    const said = texts(await chat.say('talk to a person'));
    expect(said).toContain('service desk');
    const item = (await h.deps.store.read.triage.list('open')).find((i) => i.conversationId === 'handoff');
    expect(item?.dialog).toEqual({ requestTypeId: 'mobile-phone', fields: { model: 'iphone-15' } });
    expect(item?.transcript).toContain('Omar Farouk: iphone');
    const next = await chat.say('pixel');
    expect(next.some((r) => r.kind === 'question')).toBe(false);
  });

  it('When a hand-off follows a sensitive answer, then the transcript and the agent\'s view hide it but the dialog can still continue with it', async () => {
    const chat = h.chat('dana.lee@example.com', 'sensitive');
    expect(question(await chat.say('I need to onboard a new joiner')).fieldId).toBe('joiner-name');
    await chat.say('Maria Lopez');
    await chat.say('maria.lopez@gmail.com');
    await chat.say('talk to a person');
    const row = (await h.deps.store.read.triage.list('open')).find((i) => i.conversationId === 'sensitive')!;
    expect(JSON.stringify(row.transcript)).not.toContain('maria.lopez@gmail.com');
    expect(row.transcript).toContain('Dana Lee: ••••');
    const view = await h.engine.triage.get(row.id);
    expect(view.dialog?.fields).toEqual({ 'joiner-name': 'Maria Lopez', 'personal-email': '••••' });
    await h.engine.triage.resolve(row.id, await h.person('fatima.haddad@example.com'), { intent: 'request-onboarding' });
    const state = (await h.deps.store.read.conversations.find('webchat:sensitive'))?.state as { dialog?: { answers: Record<string, unknown> } };
    // Stored sealed, and opened when the dialog carries on.
    expect(state.dialog?.answers).toMatchObject({ 'joiner-name': 'Maria Lopez', 'personal-email': expect.stringMatching(/^fdenc:/) as unknown });
    expect(JSON.stringify(state)).not.toContain('maria.lopez@gmail.com');
    expect(h.deps.lifecycleContext.fieldCipher.open(state.dialog?.answers['personal-email'])).toBe('maria.lopez@gmail.com');
  });

  it('When another person speaks in the same channel conversation, then nothing of the first person\'s dialog carries over', async () => {
    const first = h.chat('sam.patel@example.com', 'shared-screen');
    await first.say('I need a work phone');
    await first.say('pixel');
    const second = h.chat('alex.kim@example.com', 'shared-screen');
    const replies = await second.say('first');
    expect(replies.some((r) => r.kind === 'question')).toBe(false);
    const row = await h.deps.store.read.conversations.find('webchat:shared-screen');
    expect(row?.personId).toBe('alex.kim@example.com');
    expect(JSON.stringify(row?.state)).not.toContain('Sam Patel');
    expect((await h.deps.store.read.dialogOutcomes.ofConversation('webchat:shared-screen')).map((o) => o.outcome)).toEqual(['cancelled']);
  });

  it('When the server restarts mid-dialog, then the conversation carries on from the same question', async () => {
    const first = await openHarness();
    const chat = first.chat('sofia.rossi@example.com', 'restart');
    await chat.say('I need a work phone');
    expect(question(await chat.say('pixel')).fieldId).toBe('reason');
    await first.close();
    const second = await openHarness({ dir: first.dir });
    try {
      const again = second.chat('sofia.rossi@example.com', 'restart');
      expect(question(await again.say('replacement')).fieldId).toBe('roaming');
      await again.say('no');
      const done = summary(await again.say('keep'));
      expect(done.fields.find((f) => f.fieldId === 'model')?.value).toContain('Pixel');
    } finally {
      await second.dispose();
      await first.dispose();
    }
  });

  it('When the stored state is corrupt, then the conversation starts fresh and the problem is logged', async () => {
    await h.deps.store.transaction((repos) => repos.conversations.save({ id: 'webchat:corrupt', channel: 'webchat', personId: 'sam.patel@example.com', state: { dialog: 'not a dialog', transcript: 7 }, now: Date.now() }));
    const said = texts(await h.chat('sam.patel@example.com', 'corrupt').say('hi'));
    expect(said).toContain('Hi Sam');
    expect(h.logs.some((l) => l.level === 'warn' && JSON.stringify(l.detail).includes('webchat:corrupt'))).toBe(true);
    const row = await h.deps.store.read.conversations.find('webchat:corrupt');
    expect(row?.state).toMatchObject({ transcript: expect.arrayContaining(['Sam Patel: hi']) });
  });

  it('When something unexpected fails, then the person gets an apology without detail and the log has it', async () => {
    const broken = await openHarness();
    await broken.close();
    const replies = await broken.chat('sam.patel@example.com', 'broken').say('hi');
    expect(replies).toEqual([{ kind: 'text', text: 'Sorry, something went wrong on our side; it has been logged.' }]);
    expect(broken.logs.some((l) => l.level === 'error' && 'err' in l.detail)).toBe(true);
    await broken.dispose();
  });
});

describe('abandoned dialogs', () => {
  it('When a dialog is idle longer than the limit, then it is marked abandoned and counts in the abandonment rate', async () => {
    const clock = new TestClock(new Date('2026-01-05T09:00:00Z'));
    const timed = await openHarness({ clock });
    try {
      const chat = timed.chat('ben.walker@example.com', 'idle');
      await chat.say('I need a work phone');
      expect(await timed.engine.markAbandonedDialogs(new Date('2026-01-05T20:00:00Z'))).toBe(0);
      expect(await timed.engine.markAbandonedDialogs(new Date('2026-01-06T10:00:00Z'))).toBe(1);
      expect(await timed.engine.abandonmentRate()).toEqual({ started: 1, abandoned: 1, rate: 1 });
      clock.advance(Date.parse('2026-01-07T10:00:00Z') - clock.now());
      const back = texts(await chat.say('pixel'));
      expect(back).toContain('left unfinished');
      await chat.say('I need a work phone');
      await chat.say('cancel');
      expect(await timed.engine.abandonmentRate()).toEqual({ started: 2, abandoned: 1, rate: 0.5 });
    } finally {
      await timed.dispose();
    }
  });
});
