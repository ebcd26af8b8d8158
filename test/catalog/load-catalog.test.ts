import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogError } from '../../src/catalog/catalog-error.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { minimalCatalogFiles, writeCatalog } from './temp-catalog.js';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

async function load(overrides: Record<string, string | undefined>) {
  const root = await writeCatalog({ ...minimalCatalogFiles(), ...overrides });
  roots.push(root);
  return loadCatalog(root);
}

async function problemsOf(overrides: Record<string, string | undefined>): Promise<string[]> {
  try {
    await load(overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).code).toBe(ErrorCode.Catalog);
    return (error as CatalogError).problems;
  }
  throw new Error('the catalog loaded without error');
}

const widget = () => minimalCatalogFiles()['dialogs/widget.yaml']!;

describe('loadCatalog', () => {
  it('When the files are valid, then the catalog loads with a version that changes with the content', async () => {
    const a = await load({});
    const b = await load({});
    const c = await load({ 'intents/greeting.yaml': 'id: greeting\nkind: greeting\ndescription: Hello\nexamples: [hi, hello, hey]\n' });
    expect(a.requestTypes.map((r) => r.id)).toEqual(['widget']);
    expect(a.intent('greeting')?.examples).toEqual(['hi', 'hello']);
    expect(a.version).toMatch(/^[0-9a-f]{12}$/);
    expect(b.version).toBe(a.version);
    expect(c.version).not.toBe(a.version);
  });

  it('When a choice field has no options, then the file and field path are named', async () => {
    const problems = await problemsOf({ 'dialogs/widget.yaml': widget().replace(/ {4}options:\n( {6}- .*\n)+/, '') });
    expect(problems).toEqual(['dialogs/widget.yaml: fields.0.options: a choice field needs options']);
  });

  it('When a step gives access for a time without a group, or its days come from a field that cannot say them, then the catalog refuses to load and says where', async () => {
    const step = '      input: { email: "{requester.email}", system: "{fields.system}" }\n';
    const noGroup = widget().replace(step, `${step}      access: { revoke: remove-from-group, endsAfterDays: { field: note } }\n`);
    expect(await problemsOf({ 'dialogs/widget.yaml': noGroup })).toEqual([
      'dialogs/widget.yaml: fulfilment.steps.0.input.group: a step with access names the group it gives (input.group)',
      'dialogs/widget.yaml: fulfilment.steps.0.access.endsAfterDays.field: "note" is not a choice or lookup field of this request type',
    ]);
    const grouped = '      input: { email: "{requester.email}", system: "{fields.system}", group: widgets }\n';
    const notDays = widget().replace(step, `${grouped}      access: { revoke: remove-from-group, endsAfterDays: { field: model, attribute: inStock } }\n`);
    expect(await problemsOf({ 'dialogs/widget.yaml': notDays })).toEqual([
      'dialogs/widget.yaml: fulfilment.steps.0.access.endsAfterDays.attribute: every option\'s "inStock" must be a whole number of days above 0 (leave it out for no end date)',
    ]);
    await expect(load({ 'dialogs/widget.yaml': widget().replace(step, `${grouped}      access: { revoke: remove-from-group, endsAfterDays: 30 }\n`) })).resolves.toBeDefined();
  });

  it('When a sensitive answer is used in an approval reason or a step title, then the catalog refuses to load and says where', async () => {
    const sensitive = widget()
      .replace('    prompt: Anything else?\n', '    prompt: Anything else?\n    sensitive: true\n')
      .replace('reason: "{requester.name} wants a {fields.model.label}"', 'reason: "{requester.name} wants a {fields.model.label}: {fields.note}"')
      .replace('title: "Grant {fields.system.label}"', 'title: "Grant {fields.system.label} ({fields.note})"');
    const problems = await problemsOf({ 'dialogs/widget.yaml': sensitive });
    expect(problems).toEqual([
      'dialogs/widget.yaml: approval.stages.0.reason: {fields.note} is a sensitive field and is never shown in a title or a reason',
      'dialogs/widget.yaml: fulfilment.steps.0.title: {fields.note} is a sensitive field and is never shown in a title or a reason',
    ]);
  });

  it('When a field is to be deleted after a login, then it must be sensitive and name an integration step and a date field', async () => {
    const declared = (extra: string, declaration: string) => widget()
      .replace('    prompt: Anything else?\n', `    prompt: Anything else?\n${extra}    deleteAfter: ${declaration}\n`);
    expect(await problemsOf({ 'dialogs/widget.yaml': declared('', '{ firstLoginTo: grant, atLatestAfter: model, days: 14 }') })).toEqual([
      'dialogs/widget.yaml: fields.2.deleteAfter: only a sensitive field is deleted after a login',
    ]);
    expect(await problemsOf({ 'dialogs/widget.yaml': declared('    sensitive: true\n', '{ firstLoginTo: nowhere, atLatestAfter: model, days: 14 }') })).toEqual([
      'dialogs/widget.yaml: fields.2.deleteAfter.firstLoginTo: "nowhere" is not an integration step of this request type',
      'dialogs/widget.yaml: fields.2.deleteAfter.atLatestAfter: "model" is not a date field',
    ]);
  });

  it('When the YAML does not parse, then the line and column are named', async () => {
    const problems = await problemsOf({ 'intents/greeting.yaml': 'id: greeting\nkind: greeting\nexamples: [hi, hello\n' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^intents\/greeting\.yaml: line \d+, column \d+: /);
  });

  it('When an id does not match the file name, then both are named', async () => {
    const problems = await problemsOf({ 'dialogs/lookups/systems.yaml': 'id: apps\ntitle: Apps\nitems: [{ value: x, label: X, attributes: { owner: a@example.com } }]\n' });
    expect(problems).toContain('dialogs/lookups/systems.yaml: id: "apps" does not match the file name (expected "systems")');
    expect(problems).toContain('dialogs/widget.yaml: fields.1.lookup: no lookup "systems" (expected dialogs/lookups/systems.yaml)');
  });

  it('When two files declare the same id, then the second is named with the first', async () => {
    const problems = await problemsOf({ 'intents/greeting.yml': 'id: greeting\nkind: greeting\ndescription: Hi\nexamples: [yo]\n' });
    expect(problems).toContain('intents/greeting.yml: id: "greeting" is also the id in intents/greeting.yaml');
  });

  it('When an intent names a missing request type and a request type has no intent, then both are reported', async () => {
    const problems = await problemsOf({ 'intents/request-widget.yaml': 'id: request-widget\nkind: request\ndescription: d\nrequestType: gadget\nexamples: [a widget]\n' });
    expect(problems).toEqual([
      'dialogs/widget.yaml: id: no request intent starts "widget" (add intents/<id>.yaml with kind: request and requestType: widget)',
      'intents/request-widget.yaml: requestType: no request type "gadget" (expected dialogs/gadget.yaml)',
    ]);
  });

  it('When conditions name missing or later fields, then each is reported at its path', async () => {
    const text = widget()
      .replace('showWhen: { field: model, equals: large }', 'showWhen: { all: [{ field: model, equals: large }, { field: colour, equals: red }] }')
      .replace("when: { profile: role, equals: engineer }", 'when: { field: note, exists: true }');
    const problems = await problemsOf({ 'dialogs/widget.yaml': text });
    expect(problems).toEqual([
      'dialogs/widget.yaml: fields.0.options.1.when.field: "note" is not asked before field "model"',
      'dialogs/widget.yaml: fields.2.showWhen.all.1.field: no field "colour"',
    ]);
  });

  it('When an attribute is read from a text field, then the loader says it has no options', async () => {
    const text = widget().replace('showWhen: { field: model, equals: large }', 'showWhen: { field: system, attribute: owner, exists: true }')
      .replace('      reason:', '      when: { field: note, attribute: colour, equals: red }\n      reason:');
    const problems = await problemsOf({ 'dialogs/widget.yaml': text });
    expect(problems).toEqual(['dialogs/widget.yaml: approval.stages.0.when.attribute: "note" is a text field and has no option attributes']);
  });

  it('When something declared not allowed is also an option, or not allowed on a text field, then the loader names both places', async () => {
    const text = widget()
      .replace('    prompt: Which widget?\n', '    prompt: Which widget?\n    notAllowed:\n      - { names: [gizmo, Small widget], reason: gizmos overheat }\n')
      .replace('    prompt: Anything else?\n', '    prompt: Anything else?\n    notAllowed: [{ names: [x], reason: y }]\n');
    const problems = await problemsOf({ 'dialogs/widget.yaml': text });
    expect(problems).toEqual([
      'dialogs/widget.yaml: fields.2.notAllowed: only choice and lookup fields say what is not allowed',
    ]);
    const onlyOption = await problemsOf({ 'dialogs/widget.yaml': widget().replace('    prompt: Which widget?\n', '    prompt: Which widget?\n    notAllowed:\n      - { names: [gizmo, Small widget], reason: gizmos overheat }\n') });
    expect(onlyOption).toEqual(['dialogs/widget.yaml: fields.0.notAllowed.0.names.1: "Small widget" is also an option of model']);
  });

  it('When isRequester is used on a field that is not a person, then the loader says what it compares', async () => {
    const text = widget().replace('      reason:', '      when: { field: note, isRequester: false }\n      reason:');
    const problems = await problemsOf({ 'dialogs/widget.yaml': text });
    expect(problems).toEqual(['dialogs/widget.yaml: approval.stages.0.when.isRequester: "note" is a text field; isRequester compares a person field with the requester']);
  });

  it('When an owner-of approver names a text field, then the stage is reported', async () => {
    const problems = await problemsOf({ 'dialogs/widget.yaml': widget().replace('{ type: owner-of, field: system }', '{ type: owner-of, field: note }') });
    expect(problems).toEqual(['dialogs/widget.yaml: approval.stages.0.approver.field: "note" is a text field; the owner comes from a lookup or choice']);
  });

  it('When placeholders, pre-checks or integrations are unknown, then each is reported', async () => {
    const text = widget()
      .replace('title: "Grant {fields.system.label}"', 'title: "Grant {fields.sytem.label}"')
      .replace('integration: identity', 'integration: okta')
      .replace('system: "{fields.system}"', 'system: "{fields.system}", who: "{requester.phone}"')
      .replace('risk: low', 'risk: low\nprechecks: [budget-check]');
    const problems = await problemsOf({ 'dialogs/widget.yaml': text });
    expect(problems).toEqual([
      'dialogs/widget.yaml: prechecks.0: unknown pre-check "budget-check" (known: licence-available, stock-available)',
      'dialogs/widget.yaml: fulfilment.steps.0.title: {fields.sytem.label} names no field of this request type',
      'dialogs/widget.yaml: fulfilment.steps.0.integration: unknown integration "okta" (known: identity)',
      'dialogs/widget.yaml: fulfilment.steps.0.input.who: {requester.phone}: the requester has email, name, department, title, role, location, costCentre, managerEmail',
    ]);
  });

  it('When an utterance is an example of two intents, then the second is named', async () => {
    const problems = await problemsOf({ 'intents/greeting.yaml': 'id: greeting\nkind: greeting\ndescription: Hello\nexamples: [hi, "I need a Widget!"]\n' });
    expect(problems).toEqual(['intents/request-widget.yaml: examples.0: "i need a widget" is also an example of intent "greeting"']);
  });

  it('When several files are broken, then every problem is listed at once', async () => {
    const problems = await problemsOf({
      'intents/greeting.yaml': 'id: greeting\nkind: smalltalk\ndescription: Hello\nexamples: [hi]\n',
      'dialogs/lookups/systems.yaml': 'id: systems\ntitle: Systems\nitems: []\n',
    });
    expect(problems).toEqual([
      'dialogs/lookups/systems.yaml: items: Too small: expected array to have >=1 items',
      expect.stringMatching(/^intents\/greeting\.yaml: kind: /),
    ]);
  });

  it('When there are no intents or no catalog folder at all, then that is the problem', async () => {
    const problems = await problemsOf({ 'intents/request-widget.yaml': undefined, 'intents/greeting.yaml': undefined });
    expect(problems).toEqual(['dialogs/widget.yaml: id: no request intent starts "widget" (add intents/<id>.yaml with kind: request and requestType: widget)']);
    await expect(loadCatalog('/nonexistent-frontdoor-catalog')).rejects.toThrow(/intents\/: cannot read the folder \(ENOENT\)/);
  });
});
