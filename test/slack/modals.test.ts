import { beforeAll, describe, expect, it } from 'vitest';
import type { ModalView } from '@slack/types';
import type { Catalog } from '../../src/catalog/catalog.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import type { Person } from '../../src/directory/person.js';
import { loadFileDirectory, type FileDirectory } from '../../src/directory/file-directory.js';
import { NotEligibleError, ValidationError } from '../../src/shared/errors.js';
import { SlackActions, SlackCallbacks } from '../../src/channels/slack/blocks/index.js';
import {
  buildCatalogPickerModal, buildRequestModal, externalFieldRefFrom, metadataFrom, modalErrors, modalFieldsFrom, requestTypeFromPicker,
  validateModalSubmission,
} from '../../src/channels/slack/modals/index.js';
import { validateFields } from '../../src/requests/validate-fields.js';
import { blockProblems, hasSlackControlSequence, mrkdwnTexts } from './blocks-shape.js';

type Json = Record<string, unknown>;

let catalog: Catalog;
let directory: FileDirectory;
const person = async (email: string): Promise<Person> => (await directory.findByEmail(email))!;

/** The lifecycle's validate as the server runs it, on a fixed day. */
const checkedOn = (today: string, extra: { directory?: FileDirectory } = {}) => ({
  validate: (input: { requestTypeId: string; requester: Person; fields: Record<string, unknown> }) =>
    validateFields({ catalog, requestType: catalog.requestType(input.requestTypeId)!, requester: input.requester, fields: input.fields, today, ...extra }),
});

beforeAll(async () => {
  catalog = await loadCatalog('.');
  directory = await loadFileDirectory('integrations/sample-directory/people.yaml');
});

function modal(requestTypeId: string, requester: Person, values: Record<string, unknown> = {}, errors?: Record<string, string>) {
  const view = buildRequestModal({ catalog, requestType: catalog.requestType(requestTypeId)!, requester, values, ...(errors ? { errors } : {}) });
  expect(blockProblems(view.blocks, 'modal')).toEqual([]);
  expect(view.title.text.length).toBeLessThanOrEqual(24);
  expect(view.private_metadata!.length).toBeLessThanOrEqual(3000);
  return view;
}

const inputs = (view: ModalView): Json[] => (view.blocks as unknown as Json[]).filter((b) => b.type === 'input');
const input = (view: ModalView, fieldId: string): Json | undefined => inputs(view).find((b) => b.block_id === fieldId);
const offered = (block: Json | undefined): string[] => (((block?.element as Json).options ?? []) as Json[]).map((o) => String(o.value));

/** The view_submission state Slack would send if the person left every input as the view shows it, with `changes` applied. */
function submitted(view: ModalView, changes: Record<string, Json> = {}): Json {
  const values: Record<string, Record<string, Json>> = {};
  for (const block of inputs(view)) {
    const element = block.element as Json;
    const id = String(block.block_id);
    const shown: Json = { type: element.type };
    if (element.initial_option) shown.selected_option = element.initial_option;
    if (element.initial_options) shown.selected_options = element.initial_options;
    if (element.initial_date) shown.selected_date = element.initial_date;
    if (element.initial_value !== undefined) shown.value = element.initial_value;
    values[id] = { [String(element.action_id)]: { ...shown, ...(changes[id] ?? {}) } };
  }
  return { ...view, state: { values } };
}

describe('Request modal: laptop', () => {
  it('When an engineer and an analyst open it, then each sees the devices their role may order', async () => {
    const engineer = modal('laptop', await person('sam.patel@example.com'));
    const analyst = modal('laptop', await person('ethan.brooks@example.com'));
    const engineerModels = offered(input(engineer, 'model'));
    const analystModels = offered(input(analyst, 'model'));
    expect(engineerModels).toContain('macbook-pro-16');
    expect(engineerModels).not.toContain('thinkpad-x1-carbon');
    expect(analystModels).toContain('thinkpad-x1-carbon');
    expect(analystModels).not.toContain('macbook-pro-16');
    expect(engineerModels).toEqual(catalog.optionsFor(catalog.requestType('laptop')!.fields[0], { requester: await person('sam.patel@example.com'), fields: {} }).map((o) => o.value));
  });

  it('When it opens, then the form shows the first fields, prefills the office, and carries the request type', async () => {
    const view = modal('laptop', await person('sam.patel@example.com'));
    expect(view.callback_id).toBe(SlackCallbacks.requestForm);
    expect(metadataFrom(view).requestTypeId).toBe('laptop');
    expect(inputs(view).map((b) => b.block_id)).toEqual(['model', 'reason', 'delivery-location']);
    expect((input(view, 'delivery-location')!.element as Json).initial_value).toBe('Berlin');
    expect((input(view, 'reason')!.element as Json).type).toBe('radio_buttons');
    // Device and reason decide whether the asset tag and justification are asked; the location decides nothing.
    expect(input(view, 'model')!.dispatch_action).toBe(true);
    expect(input(view, 'reason')!.dispatch_action).toBe(true);
    expect(input(view, 'delivery-location')!.dispatch_action).toBeUndefined();
    expect((input(view, 'model')!.element as Json).action_id).toBe(SlackActions.formField);
  });

  it('When the device or reason changes, then the rebuilt form shows the fields that now apply', async () => {
    const sam = await person('sam.patel@example.com');
    const costly = modal('laptop', sam, { model: 'macbook-pro-16', reason: 'replacement' });
    expect(inputs(costly).map((b) => b.block_id)).toEqual(['model', 'reason', 'asset-tag', 'justification', 'delivery-location']);
    expect(((input(costly, 'model')!.element as Json).initial_option as Json).value).toBe('macbook-pro-16');
    expect(JSON.stringify(costly.blocks)).toContain('€3,899.00');
    const accessory = modal('laptop', sam, { model: 'monitor-27-4k', reason: 'replacement' });
    expect(inputs(accessory).map((b) => b.block_id)).toEqual(['model', 'reason', 'delivery-location']);
    const additional = modal('laptop', sam, { model: 'macbook-air-13', reason: 'additional' });
    expect(inputs(additional).map((b) => b.block_id)).toEqual(['model', 'reason', 'delivery-location']);
  });

  it('When the person cleared the prefilled office and the form is rebuilt, then it stays empty', async () => {
    const view = modal('laptop', await person('sam.patel@example.com'), { 'delivery-location': null });
    expect((input(view, 'delivery-location')!.element as Json).initial_value).toBeUndefined();
  });

  it('When the form is submitted, then the state becomes the lifecycle\'s fields and they validate', async () => {
    const sam = await person('sam.patel@example.com');
    const view = modal('laptop', sam, { model: 'macbook-pro-16', reason: 'replacement' });
    const state = submitted(view, {
      'asset-tag': { value: 'LT-12345' },
      justification: { value: '  I compile large C++ projects every day.  ' },
    });
    expect(modalFieldsFrom(state, 'laptop', catalog)).toEqual({
      model: 'macbook-pro-16', reason: 'replacement', 'asset-tag': 'LT-12345', justification: 'I compile large C++ projects every day.', 'delivery-location': 'Berlin',
    });
    const checked = await validateModalSubmission({ catalog, requestType: catalog.requestType('laptop')!, requester: sam, view: state, lifecycle: checkedOn('2026-01-05', { directory }) });
    expect(checked).toEqual({ ok: true, fields: modalFieldsFrom(state, 'laptop', catalog) });
  });

  it('When answers break the rules, then the errors name the fields\' blocks for response_action: errors', async () => {
    const sam = await person('sam.patel@example.com');
    const view = modal('laptop', sam, { model: 'macbook-pro-16', reason: 'replacement' });
    const state = submitted(view, { 'asset-tag': { value: 'XX-1' }, justification: { value: 'short' }, 'delivery-location': { value: '' } });
    const checked = await validateModalSubmission({ catalog, requestType: catalog.requestType('laptop')!, requester: sam, view: state, lifecycle: checkedOn('2026-01-05') });
    expect(checked.ok).toBe(false);
    const errors = (checked as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(['asset-tag', 'delivery-location', 'justification']);
    expect(errors['asset-tag']).toContain('LT-10234');
    const shown = modal('laptop', sam, { model: 'macbook-pro-16', reason: 'replacement' }, errors);
    expect(JSON.stringify(shown.blocks)).toContain(':warning:');
  });

  it('When an analyst submits a model only engineers may order, then the device block carries the error', async () => {
    const ethan = await person('ethan.brooks@example.com');
    const view = modal('laptop', ethan, { model: 'dell-latitude-7440', reason: 'additional' });
    const tampered = submitted(view, { model: { selected_option: { value: 'macbook-pro-16' } } });
    const checked = await validateModalSubmission({ catalog, requestType: catalog.requestType('laptop')!, requester: ethan, view: tampered, lifecycle: checkedOn('2026-01-05') });
    expect(checked).toEqual({ ok: false, errors: { model: expect.stringContaining('not one of the choices') } });
  });
});

describe('Request modal: access', () => {
  it('When the system changes between an application and a folder, then the access levels offered change', async () => {
    const sam = await person('sam.patel@example.com');
    const blank = modal('access', sam);
    expect(inputs(blank).map((b) => b.block_id)).toEqual(['system', 'level', 'end-date', 'justification']);
    expect(input(blank, 'system')!.dispatch_action).toBe(true);
    expect(offered(input(blank, 'system'))).toHaveLength(catalog.lookup('systems')!.items.length);
    expect(offered(input(modal('access', sam, { system: 'github' }), 'level'))).toEqual(['read', 'write', 'admin']);
    expect(offered(input(modal('access', sam, { system: 'finance-share' }), 'level'))).toEqual(['read', 'write']);
  });

  it('When admin was chosen and the system becomes a folder, then admin is no longer selected and the server refuses it', async () => {
    const sam = await person('sam.patel@example.com');
    const view = modal('access', sam, { system: 'finance-share', level: 'admin' });
    expect((input(view, 'level')!.element as Json).initial_option).toBeUndefined();
    const state = submitted(view, { level: { selected_option: { value: 'admin' } }, justification: { value: 'Quarter close reporting' } });
    const checked = await validateModalSubmission({ catalog, requestType: catalog.requestType('access')!, requester: sam, view: state, lifecycle: checkedOn('2026-01-05') });
    expect(checked).toEqual({ ok: false, errors: { level: expect.any(String) } });
  });

  it('When an end date is picked, then it is stored as the ISO date and checked against the limits', async () => {
    const sam = await person('sam.patel@example.com');
    const view = modal('access', sam, { system: 'jira', level: 'read', 'end-date': '2026-02-01' });
    expect((input(view, 'end-date')!.element as Json).initial_date).toBe('2026-02-01');
    const state = submitted(view, { justification: { value: 'Sprint planning for Q1' } });
    expect(modalFieldsFrom(state, 'access', catalog)).toMatchObject({ 'end-date': '2026-02-01', system: 'jira', level: 'read' });
    const late = submitted(view, { justification: { value: 'Sprint planning for Q1' }, 'end-date': { selected_date: '2030-01-01' } });
    const checked = await validateModalSubmission({ catalog, requestType: catalog.requestType('access')!, requester: sam, view: late, lifecycle: checkedOn('2026-01-05') });
    expect(checked).toEqual({ ok: false, errors: { 'end-date': expect.stringContaining('on or before') } });
  });
});

describe('Other field types and errors', () => {
  it('When a form has yes-no and person fields, then they become radio buttons and an email input, and parse back', async () => {
    const dana = await person('dana.lee@example.com');
    const phone = modal('mobile-phone', dana, { model: 'pixel-8', reason: 'first', roaming: true });
    const roaming = input(phone, 'roaming')!;
    expect((roaming.element as Json).type).toBe('radio_buttons');
    expect(((roaming.element as Json).initial_option as Json).value).toBe('yes');
    expect(modalFieldsFrom(submitted(phone), 'mobile-phone', catalog)).toEqual({ model: 'pixel-8', reason: 'first', roaming: true, 'delivery-location': dana.location });
    expect(modalFieldsFrom(submitted(phone, { roaming: { selected_option: { value: 'no' } } }), 'mobile-phone', catalog).roaming).toBe(false);
    const list = modal('distribution-list', dana);
    const member = input(list, 'member')!;
    expect((member.element as Json).type).toBe('plain_text_input');
    expect((member.element as Json).initial_value).toBe('dana.lee@example.com');
    expect(modalFieldsFrom(submitted(list), 'distribution-list', catalog).member).toBe('dana.lee@example.com');
  });

  it('When the lifecycle refuses with a general or stray error, then it lands on the first field so it is seen', () => {
    const laptop = catalog.requestType('laptop')!;
    expect(modalErrors(new ValidationError('Some answers need another look', { justification: 'Too short', bogus: 'Odd' }), laptop, ['model', 'reason', 'justification']))
      .toEqual({ justification: 'Too short', model: 'Odd' });
    expect(modalErrors(new NotEligibleError('Only managers can ask for this.'), laptop)).toEqual({ model: 'Only managers can ask for this.' });
    expect(modalErrors({ reason: 'Pick one' }, laptop)).toEqual({ reason: 'Pick one' });
    expect(modalErrors(new Error('boom at /secret/path'), laptop)).toEqual({ model: 'Something went wrong; please try again.' });
  });

  it('When a description or value holds hostile text, then the modal keeps it inert', async () => {
    const sam = await person('sam.patel@example.com');
    const view = modal('laptop', sam, {}, { model: '<!channel> <https://evil|x>' });
    expect(mrkdwnTexts(view.blocks).filter(hasSlackControlSequence)).toEqual([]);
  });

  it('When Slack asks for external options, then the field comes from the block and the request type from the modal', () => {
    const view = modal('access', { ...({} as Person), email: 'x@example.com', name: 'X', department: 'IT', title: 'T', role: 'engineer', costCentre: 'C', location: 'L', groups: [], id: 'x@example.com' });
    expect(externalFieldRefFrom({ block_id: 'system', view })).toEqual({ requestTypeId: 'access', fieldId: 'system' });
    expect(externalFieldRefFrom({ block_id: '{"fieldId":"model"}' })).toEqual({ fieldId: 'model' });
  });
});

describe('Catalog picker', () => {
  it('When a non-manager opens it, then request types are grouped by category and onboarding is not offered', async () => {
    const sam = await person('sam.patel@example.com');
    const view = buildCatalogPickerModal(catalog, sam);
    expect(blockProblems(view.blocks, 'modal')).toEqual([]);
    const select = ((view.blocks[0] as unknown as Json).element as Json);
    expect(select.action_id).toBe(SlackActions.pickRequestType);
    const groups = select.option_groups as Array<{ label: { text: string }; options: Array<{ value: string }> }>;
    const labels = groups.map((g) => g.label.text);
    expect(labels).toEqual([...labels].sort());
    expect(labels).toContain('Hardware');
    const ids = groups.flatMap((g) => g.options.map((o) => o.value));
    expect(ids).toContain('laptop');
    expect(ids).not.toContain('onboarding');
    expect(groups.every((g) => g.options.every((o) => catalog.requestType(o.value)?.category === g.label.text))).toBe(true);
    const managerIds = (((buildCatalogPickerModal(catalog, await person('dana.lee@example.com')).blocks[0] as unknown as Json).element as Json).option_groups as typeof groups)
      .flatMap((g) => g.options.map((o) => o.value));
    expect(managerIds).toContain('onboarding');
  });

  it('When a type is picked, then it is read back; a type the person may not ask for is not', async () => {
    const sam = await person('sam.patel@example.com');
    const state = (value: string) => ({ state: { values: { requestType: { [SlackActions.pickRequestType]: { type: 'static_select', selected_option: { value } } } } } });
    expect(requestTypeFromPicker(state('laptop'), catalog, sam)?.id).toBe('laptop');
    expect(requestTypeFromPicker(state('onboarding'), catalog, sam)).toBeUndefined();
    expect(requestTypeFromPicker({}, catalog, sam)).toBeUndefined();
  });
});
