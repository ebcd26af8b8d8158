import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, ConditionContext } from '../../src/catalog/catalog.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import type { Condition, Field, RequestType } from '../../src/catalog/schema.js';
import { toPerson, type Person } from '../../src/directory/person.js';

const person = (overrides: Partial<Parameters<typeof toPerson>[0]> = {}): Person => toPerson({
  email: 'sam.patel@example.com', name: 'Sam Patel', department: 'Engineering', title: 'Senior Software Engineer',
  role: 'engineer', managerEmail: 'dana.lee@example.com', costCentre: 'CC-3100', location: 'Berlin', groups: [], ...overrides,
});

describe('the catalog model', () => {
  let catalog: Catalog;
  let laptop: RequestType;
  let software: RequestType;
  let access: RequestType;
  const field = (rt: RequestType, id: string): Field => rt.fields.find((f) => f.id === id)!;
  const ctx = (fields: Record<string, unknown> = {}, requester = person()): ConditionContext => ({ requester, fields });

  beforeAll(async () => {
    catalog = await loadCatalog('.');
    laptop = catalog.requestType('laptop')!;
    software = catalog.requestType('software')!;
    access = catalog.requestType('access')!;
  });

  describe('conditions', () => {
    const cases: Array<[string, Condition, ConditionContext, boolean]> = [
      ['profile in a list', { profile: 'role', in: ['engineer', 'designer'] }, ctx(), true],
      ['profile not in a list', { profile: 'role', notIn: ['engineer'] }, ctx(), false],
      ['profile equals, any case', { profile: 'department', equals: 'engineering' }, ctx(), true],
      ['group membership', { group: 'managers' }, ctx({}, person({ groups: ['managers'] })), true],
      ['group non-membership', { group: 'managers' }, ctx(), false],
      ['field equals', { field: 'level', equals: 'admin' }, ctx({ level: 'admin' }), true],
      ['field without operator needs an answer', { field: 'note' }, ctx({ note: '  ' }), false],
      ['field exists false on a missing answer', { field: 'note', exists: false }, ctx({}), true],
      ['multi-choice equals any chosen value', { field: 'tags', equals: 'b' }, ctx({ tags: ['a', 'b'] }), true],
      ['multi-choice notIn', { field: 'tags', notIn: ['c'] }, ctx({ tags: ['a', 'b'] }), true],
      ['numeric over', { field: 'days', over: 30 }, ctx({ days: '45' }), true],
      ['numeric over, not a number', { field: 'days', over: 30 }, ctx({ days: 'soon' }), false],
      ['cost over from the context', { cost: true, over: 2000 }, { ...ctx(), cost: 2500 }, true],
      ['all', { all: [{ profile: 'role', equals: 'engineer' }, { field: 'level', equals: 'read' }] }, ctx({ level: 'write' }), false],
      ['any', { any: [{ profile: 'role', equals: 'sales' }, { field: 'level', equals: 'write' }] }, ctx({ level: 'write' }), true],
      ['not', { not: { group: 'managers' } }, ctx(), true],
    ];
    it.each(cases)('When %s, then it evaluates as expected', (_name, condition, context, expected) => {
      expect(catalog.evaluate(condition, context)).toBe(expected);
    });

    it('When a condition reads an attribute of the chosen item, then it looks in the lookup', () => {
      const restricted: Condition = { field: 'product', attribute: 'restricted', equals: true };
      expect(catalog.evaluate(restricted, ctx({ product: 'wireshark' }), software)).toBe(true);
      expect(catalog.evaluate(restricted, ctx({ product: 'adobe-photoshop' }), software)).toBe(false);
      expect(catalog.evaluate(restricted, ctx({}), software)).toBe(false);
    });

    it('When the cost is not given, then it is worked out from the answers', () => {
      expect(catalog.evaluate({ cost: true, over: 2000 }, ctx({ model: 'macbook-pro-16' }), laptop)).toBe(true);
      expect(catalog.evaluate({ cost: true, over: 2000 }, ctx({ model: 'macbook-air-13' }), laptop)).toBe(false);
    });
  });

  describe('optionsFor', () => {
    const models = (role: string) => catalog.optionsFor(field(laptop, 'model'), ctx({}, person({ role }))).map((o) => o.value);

    it('When an engineer orders a laptop, then the high-spec models are offered', () => {
      expect(models('engineer')).toEqual(expect.arrayContaining(['macbook-pro-16', 'macbook-pro-14', 'dell-precision-5680', 'macbook-air-13']));
      expect(models('engineer')).not.toContain('thinkpad-x1-carbon');
    });

    it('When a salesperson orders a laptop, then they see the travel laptop and not the workstations', () => {
      expect(models('sales')).toEqual(expect.arrayContaining(['thinkpad-x1-carbon', 'macbook-air-13', 'dell-latitude-7440']));
      expect(models('sales')).not.toContain('macbook-pro-16');
      expect(models('sales')).not.toContain('dell-precision-5680');
    });

    it('When a field takes its options from a lookup, then the lookup items come back', () => {
      const products = catalog.optionsFor(field(software, 'product'), ctx());
      expect(products.length).toBeGreaterThanOrEqual(20);
      expect(products.find((p) => p.synonyms.includes('photoshop'))?.value).toBe('adobe-photoshop');
    });

    it('When an option depends on an earlier answer, then it is offered only for that answer', () => {
      const levels = (system: string) => catalog.optionsFor(field(access, 'level'), ctx({ system })).map((o) => o.value);
      expect(levels('github')).toEqual(['read', 'write', 'admin']);
      expect(levels('finance-share')).toEqual(['read', 'write']);
    });

    it('When a stored value is looked up, then its option is found even if not offered now', () => {
      expect(catalog.optionFor(field(laptop, 'model'), 'macbook-pro-16')?.cost).toBe(3899);
      expect(catalog.optionFor(field(laptop, 'model'), 'no-such-model')).toBeUndefined();
    });
  });

  it('When answers change, then the visible fields follow the showWhen conditions', () => {
    const visible = (fields: Record<string, unknown>) => catalog.visibleFields(laptop, ctx(fields)).map((f) => f.id);
    expect(visible({ model: 'macbook-air-13', reason: 'additional' })).toEqual(['model', 'reason', 'delivery-location']);
    expect(visible({ model: 'macbook-pro-16', reason: 'replacement' })).toEqual(['model', 'reason', 'asset-tag', 'justification', 'delivery-location']);
    expect(visible({ model: 'monitor-27-4k', reason: 'replacement' })).toEqual(['model', 'reason', 'delivery-location']);
  });

  it('When costs are asked for, then they come from the chosen option or item', () => {
    expect(catalog.costOf(laptop, { model: 'macbook-pro-14' })).toBe(2499);
    expect(catalog.costOf(software, { product: 'matlab' })).toBe(2150);
    expect(catalog.costOf(software, {})).toBeUndefined();
    expect(catalog.costOf(access, { system: 'github' })).toBeUndefined();
  });

  describe('search', () => {
    const top = (text: string) => catalog.search(text, 3).map((r) => r.id);
    it.each([
      ['what can I request for design software', 'software'],
      ['photoshop', 'software'],
      ['laptops', 'laptop'],
      ['shared folder access', 'access'],
      ['remote access from home', 'vpn'],
      ['forgotten password', 'password-reset'],
      ['new starter', 'onboarding'],
      ['shared mailbox', 'distribution-list'],
      ['iphone', 'mobile-phone'],
    ])('When someone searches "%s", then %s comes first', (text, expected) => {
      expect(top(text)[0]).toBe(expected);
    });

    it('When nothing matches, then nothing comes back', () => {
      expect(catalog.search('the', 5)).toEqual([]);
      expect(catalog.search('zebra giraffe', 5)).toEqual([]);
    });
  });

  it('When templates are filled in, then values, labels and requester details appear', () => {
    const text = catalog.interpolate('{requester.name} wants {fields.level.label} on {fields.system.label} ({fields.system}) via {requestType.title}; {fields.end-date}', {
      ...ctx({ system: 'finance-share', level: 'write' }),
      requestType: access,
    });
    expect(text).toBe('Sam Patel wants Write on Finance shared drive (finance-share) via Access to an application or shared folder; ');
    expect(catalog.interpolate('{fields.tags} {unknown.thing}', ctx({ tags: ['a', 'b'] }))).toBe('a, b {unknown.thing}');
  });
});
