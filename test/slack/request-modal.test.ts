import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elementsOf, posted } from './slack-driver.js';
import { postInteraction, startSlackApp, type SlackHarness } from './slack-harness.js';

type View = { callback_id: string; private_metadata?: string; blocks: Array<{ type: string; block_id?: string; element?: { type: string; action_id: string } }> };

/** Slack's state.values for the answers given, shaped by each input's element type. */
function stateFor(view: View, answers: Record<string, string>): Record<string, Record<string, Record<string, unknown>>> {
  const values: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const block of view.blocks) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const { type, action_id: actionId } = block.element;
    const answer = answers[block.block_id];
    const state = answer === undefined ? { type, value: null }
      : type === 'plain_text_input' || type === 'number_input' ? { type, value: answer }
        : type === 'datepicker' ? { type, selected_date: answer }
          : { type, selected_option: { value: answer, text: { type: 'plain_text', text: answer } } };
    values[block.block_id] = { [actionId]: state };
  }
  return values;
}

describe('A request filled in a Slack modal', () => {
  let h: SlackHarness;
  beforeAll(async () => { h = await startSlackApp(); });
  afterAll(async () => { await h.close(); });

  const user = { id: 'UNINA', team_id: 'T1' };
  const lastView = (method: string) => h.slack.of(method).at(-1)!.args.view as View;

  it('When Nina opens New request, picks Laptop, fixes what the form says and submits, then the request reaches Marcus', async () => {
    await postInteraction(h.app, { type: 'shortcut', callback_id: 'new_request', trigger_id: 'trigger-m1', user, team: { id: 'T1' }, token: 'legacy', action_ts: '1' });
    await h.settle();
    const picker = lastView('views.open');
    expect(picker.callback_id).toBe('slack.catalog.submit');
    expect(h.slack.of('views.open').at(-1)!.args.trigger_id).toBe('trigger-m1');

    // Picking a request type dispatches: the picker becomes the laptop form.
    await postInteraction(h.app, {
      type: 'block_actions', user, team: { id: 'T1' }, token: 'legacy', trigger_id: 'trigger-m2', container: { type: 'view', view_id: 'V1' },
      view: { ...picker, id: 'V1', hash: 'h1', state: { values: { requestType: { 'slack.catalog.pick': { type: 'static_select', selected_option: { value: 'laptop' } } } } } },
      actions: [{ type: 'static_select', action_id: 'slack.catalog.pick', block_id: 'requestType', selected_option: { value: 'laptop', text: { type: 'plain_text', text: 'Laptop' } }, action_ts: '1' }],
    });
    await h.settle();
    const form = lastView('views.update');
    expect(form.callback_id).toBe('slack.form.submit');
    expect(h.slack.of('views.update').at(-1)!.args.view_id).toBe('V1');
    const ids = form.blocks.map((b) => b.block_id);
    expect(ids).toEqual(expect.arrayContaining(['model', 'reason', 'delivery-location']));
    expect(ids).not.toContain('asset-tag');

    // A replacement laptop needs the old asset tag: the form grows that field.
    const chosen = { model: 'macbook-air-13', reason: 'replacement' };
    await postInteraction(h.app, {
      type: 'block_actions', user, team: { id: 'T1' }, token: 'legacy', trigger_id: 'trigger-m3', container: { type: 'view', view_id: 'V1' },
      view: { ...form, id: 'V1', hash: 'h2', state: { values: stateFor(form, chosen) } },
      actions: [{ type: 'radio_buttons', action_id: 'slack.form.field', block_id: 'reason', selected_option: { value: 'replacement' }, action_ts: '2' }],
    });
    await h.settle();
    const grown = lastView('views.update');
    expect(grown.blocks.map((b) => b.block_id)).toContain('asset-tag');

    // A bad asset tag is refused inline, nothing is submitted.
    const submit = (answers: Record<string, string>) => postInteraction(h.app, {
      type: 'view_submission', user, team: { id: 'T1' }, token: 'legacy', trigger_id: 'trigger-m4',
      view: { ...grown, id: 'V1', hash: 'h3', state: { values: stateFor(grown, answers) } },
    });
    const refused = await submit({ ...chosen, 'asset-tag': 'my old one', 'delivery-location': 'London office' });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ response_action: 'errors', errors: { 'asset-tag': expect.stringMatching(/LT-10234/) } });
    await h.settle();
    expect(posted(h.slack.calls, 'DUNINA')).toEqual([]);

    const accepted = await submit({ ...chosen, 'asset-tag': 'LT-12345', 'delivery-location': 'London office' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.body).toBe('');
    await h.settle();
    const told = posted(h.slack.calls, 'DUNINA').map((m) => m.text).join(' ');
    const number = told.match(/Submitted (REQ-\d+)/)?.[1];
    expect(number, told).toBeDefined();
    const card = posted(h.slack.calls, 'DUMARCUS').find((m) => m.text.includes(number!));
    expect(card && elementsOf(card).some((e) => e.element.action_id === 'approval.approve')).toBe(true);
    const nina = (await h.deps.directory.findByEmail('nina.petrova@example.com'))!;
    expect((await h.deps.lifecycle.status(nina, { number: number! }))[0]?.waitingOn).toContain('Marcus Chen');
  });

  it('When Marcus clicks Deny, then a reason modal opens and the denial needs one', async () => {
    const card = posted(h.slack.calls, 'DUMARCUS').find((m) => elementsOf(m).some((e) => e.element.action_id === 'approval.deny'))!;
    const deny = elementsOf(card).find((e) => e.element.action_id === 'approval.deny')!;
    await postInteraction(h.app, {
      type: 'block_actions', user: { id: 'UMARCUS', team_id: 'T1' }, team: { id: 'T1' }, token: 'legacy', trigger_id: 'trigger-d1',
      container: { type: 'message', message_ts: card.ts, channel_id: card.channel }, channel: { id: card.channel }, message: { ts: card.ts, blocks: card.blocks },
      actions: [{ type: 'button', action_id: 'approval.deny', block_id: deny.block.block_id, value: deny.element.value, action_ts: '3' }],
    });
    await h.settle();
    const modal = h.slack.of('views.open').at(-1)!;
    expect(modal.args.trigger_id).toBe('trigger-d1');
    const view = modal.args.view as View;
    expect(view.callback_id).toBe('approval.deny.reason');

    const submitReason = (reason: string | undefined) => postInteraction(h.app, {
      type: 'view_submission', user: { id: 'UMARCUS', team_id: 'T1' }, team: { id: 'T1' }, token: 'legacy', trigger_id: 'trigger-d2',
      view: { ...view, id: 'V9', state: { values: { reason: { reason: { type: 'plain_text_input', value: reason ?? null } } } } },
    });
    const empty = await submitReason(undefined);
    expect(empty.json()).toMatchObject({ response_action: 'errors', errors: { reason: expect.any(String) } });
    const ok = await submitReason('Please take a refurbished one from stock');
    expect(ok.statusCode).toBe(200);
    await h.settle();
    const shown = h.slack.calls.filter((c) => c.method === 'chat.update' && c.args.ts === card.ts).at(-1);
    expect(String(shown?.args.text)).toMatch(/denied/i);
    expect(posted(h.slack.calls, 'DUNINA').map((m) => m.text).join(' ')).toMatch(/denied by Marcus Chen[^:]*: Please take a refurbished one/);
  });
});
