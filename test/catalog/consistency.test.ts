import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { normaliseUtterance } from '../../src/catalog/cross-references.js';
import { integrationNames } from '../../src/catalog/integration-names.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { precheckNames } from '../../src/catalog/precheck-names.js';
import { prechecks } from '../../src/requests/prechecks/index.js';
import { loadFileDirectory, type FileDirectory } from '../../src/directory/file-directory.js';

/** The shipped content, checked as a whole: the `rasa data validate` of Frontdoor. */
describe('the shipped catalog', () => {
  let catalog: Catalog;
  let directory: FileDirectory;
  beforeAll(async () => {
    catalog = await loadCatalog('.');
    directory = await loadFileDirectory('integrations/sample-directory/people.yaml');
  });

  it('When loaded, then it has the request types and intent kinds the chat relies on', () => {
    expect(catalog.requestTypes.map((r) => r.id).sort()).toEqual(
      ['access', 'access-change', 'distribution-list', 'laptop', 'leaver', 'mobile-phone', 'onboarding', 'password-reset', 'software', 'vpn'],
    );
    const kinds = new Set(catalog.intents.map((i) => i.kind));
    for (const kind of ['request', 'status', 'my-approvals', 'help', 'cancel', 'agent', 'greeting', 'incident'] as const) expect(kinds).toContain(kind);
    expect(catalog.intents.filter((i) => i.kind === 'incident').length).toBeGreaterThanOrEqual(2);
    expect(catalog.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('When a request type exists, then one request intent starts it (none, for a type made from HR events only), and every request intent names a real type', () => {
    for (const rt of catalog.requestTypes) expect(catalog.intentForRequestType(rt.id)?.kind, rt.id).toBe(rt.intake === 'hr-only' ? undefined : 'request');
    for (const intent of catalog.intents.filter((i) => i.kind === 'request')) {
      expect(catalog.requestType(intent.requestType!), intent.id).toBeDefined();
    }
  });

  it('When a field is a lookup, then its lookup exists; when a step calls an integration, then it is a known one', () => {
    for (const rt of catalog.requestTypes) {
      for (const f of rt.fields.filter((x) => x.type === 'lookup')) expect(catalog.lookup(f.lookup!), `${rt.id}.${f.id}`).toBeDefined();
      for (const step of rt.fulfilment.steps) {
        if (step.kind === 'integration') expect(integrationNames as readonly string[], `${rt.id}.${step.id}`).toContain(step.integration);
      }
      for (const name of rt.prechecks) expect(precheckNames as readonly string[]).toContain(name);
    }
  });

  it('When the loader accepts a pre-check name, then the dialog engine implements it, and the other way round', () => {
    expect(Object.keys(prechecks).sort()).toEqual([...precheckNames].sort());
  });

  it('When a person or team is named, then the directory knows them', async () => {
    const emails = new Set((await directory.list()).map((p) => p.email));
    for (const rt of catalog.requestTypes) {
      for (const stage of rt.approval.stages) {
        if (stage.approver.type === 'person') expect(emails, `${rt.id}.${stage.id}`).toContain(stage.approver.email);
        if (stage.approver.type === 'group') expect((await directory.membersOf(stage.approver.group)).length, stage.approver.group).toBeGreaterThan(0);
      }
      for (const step of rt.fulfilment.steps) {
        if (step.kind === 'manual') expect((await directory.membersOf(`team:${step.team}`)).length, `team:${step.team}`).toBeGreaterThan(0);
      }
    }
    for (const lookup of catalog.lookups) {
      for (const item of lookup.items) {
        const owner = item.attributes.owner;
        if (owner !== undefined) expect(emails, `${lookup.id}.${item.value}`).toContain(owner);
      }
    }
    for (const system of catalog.lookup('systems')!.items) {
      const owners = (await directory.membersOf(`owners:${system.value}`)).map((p) => p.email);
      expect(owners, system.value).toContain(system.attributes.owner);
    }
  });

  it('When an intent is trained, then it has at least 20 varied examples written the way people type', () => {
    for (const intent of catalog.intents) {
      expect(intent.examples.length, intent.id).toBeGreaterThanOrEqual(20);
      const normalised = intent.examples.map(normaliseUtterance);
      expect(new Set(normalised).size, `${intent.id} repeats an example`).toBe(normalised.length);
      const casual = intent.examples.filter((e) => e === e.toLowerCase() && !/[.?!]$/.test(e));
      expect(casual.length, `${intent.id} needs lower-case, unpunctuated examples`).toBeGreaterThanOrEqual(3);
      const lengths = intent.examples.map((e) => e.split(/\s+/).length);
      expect(Math.max(...lengths) - Math.min(...lengths), `${intent.id} needs short and long examples`).toBeGreaterThanOrEqual(3);
    }
  });

  it('When an utterance is an example, then it belongs to one intent only', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const intent of catalog.intents) {
      for (const e of intent.examples) {
        const key = normaliseUtterance(e);
        const first = owner.get(key);
        if (first !== undefined && first !== intent.id) clashes.push(`"${e}" in ${first} and ${intent.id}`);
        owner.set(key, intent.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it.each([
    ['I need Photoshop', 'request-software'],
    ['give me access to the finance share', 'request-access'],
    ['new joiner starts Monday', 'request-onboarding'],
    ['I need a new laptop', 'request-laptop'],
    ['my laptop is broken', 'incident-hardware'],
    ['I need VPN access', 'request-vpn'],
    ['VPN is down', 'incident-network'],
    ['where is my laptop?', 'status'],
  ])('When someone types "%s", then the catalog has it as an example of %s', (utterance, intentId) => {
    expect(catalog.intent(intentId)?.examples.map(normaliseUtterance)).toContain(normaliseUtterance(utterance));
  });

  it('When an incident intent matches, then it has a category and an answer to give', () => {
    for (const intent of catalog.intents.filter((i) => i.kind === 'incident')) {
      expect(intent.incident?.answer.length, intent.id).toBeGreaterThan(40);
    }
  });
});
