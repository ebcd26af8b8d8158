import { readdir, readFile, rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogError } from '../../src/catalog/catalog-error.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { writeCatalog } from './temp-catalog.js';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

/** The shipped catalog's files, with some replaced (or removed, with undefined). */
async function shipped(overrides: Record<string, string | undefined>): Promise<string> {
  const files: Record<string, string | undefined> = {};
  for (const folder of ['intents', 'dialogs', 'dialogs/lookups', 'bundles']) {
    for (const name of (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.yaml')).map((e) => e.name)) {
      files[`${folder}/${name}`] = await readFile(`${folder}/${name}`, 'utf8');
    }
  }
  const root = await writeCatalog(Object.fromEntries(Object.entries({ ...files, ...overrides }).filter(([, text]) => text !== undefined)));
  roots.push(root);
  return root;
}

async function problemsOf(overrides: Record<string, string | undefined>): Promise<string[]> {
  try {
    await loadCatalog(await shipped(overrides));
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return (error as CatalogError).problems;
  }
  throw new Error('the catalog loaded without error');
}

describe('access bundles (bundles/)', () => {
  it('When the shipped bundles load, then the most specific one wins: department and role, then the department, then everyone else', async () => {
    const catalog = await loadCatalog('.');
    expect(catalog.bundleFor('engineering', 'engineer')?.id).toBe('engineering-engineers');
    expect(catalog.bundleFor('engineering', 'manager')?.id).toBe('engineering');
    expect(catalog.bundleFor('legal', 'analyst')?.id).toBe('default');
  });

  it('When a bundle names an unknown account, laptop, department or role, covers what another covers, or no bundle covers everyone else, then the catalog refuses to load and says where', async () => {
    const problems = await problemsOf({
      'bundles/sales.yaml': 'id: sales\ntitle: Sales\ndepartment: sales\ngroups: [sales]\naccounts: [myspace]\nhardware: typewriter\n',
      'bundles/finance.yaml': 'id: finance\ntitle: Finance\ndepartment: legal\nroles: [lawyer]\nhardware: dell-latitude-7440\n',
      'bundles/it.yaml': 'id: it\ntitle: IT\ndepartment: engineering\nroles: [engineer]\nhardware: dell-latitude-7440\n',
      'bundles/default.yaml': undefined,
    });
    expect(problems).toEqual(expect.arrayContaining([
      'bundles/sales.yaml: accounts.0: no system "myspace" in dialogs/lookups/systems.yaml',
      'bundles/sales.yaml: hardware: "typewriter" is not a model of dialogs/laptop.yaml',
      'bundles/finance.yaml: department: "legal" is not a department of dialogs/onboarding.yaml',
      'bundles/finance.yaml: roles.0: "lawyer" is not a role of dialogs/onboarding.yaml',
      expect.stringMatching(/^bundles\/it\.yaml: roles: engineering\/engineer is also covered by bundles\/engineering-engineers\.yaml$/),
      expect.stringContaining('no bundle without a department covers everyone else'),
    ]));
  });

  it('When an intent starts a type made from HR events only, or a type without a bundle uses {bundle.*}, then the catalog refuses to load', async () => {
    const vpn = await readFile('dialogs/vpn.yaml', 'utf8');
    const problems = await problemsOf({
      'intents/request-leaver.yaml': 'id: request-leaver\nkind: request\ndescription: Someone leaves\nrequestType: leaver\nexamples: [my colleague is leaving the company]\n',
      'dialogs/vpn.yaml': vpn.replace(/title: "([^"]*)"/, 'title: "$1 {bundle.groups}"'),
    });
    expect(problems).toEqual(expect.arrayContaining([
      'intents/request-leaver.yaml: requestType: "leaver" is made from HR events only (intake: hr-only) and is not offered in chat',
      expect.stringMatching(/^dialogs\/vpn\.yaml: fulfilment\.steps\.\d+\.title: \{bundle\.groups\}: only a request type with a bundle/),
    ]));
  });

  it('When a type made from HR events only is in the catalog, then search never offers it', async () => {
    const catalog = await loadCatalog('.');
    expect(catalog.search('leaver leaving last day deactivate account equipment recall').map((r) => r.id)).not.toContain('leaver');
    expect(catalog.search('access change after a move').map((r) => r.id)).not.toContain('access-change');
  });
});
