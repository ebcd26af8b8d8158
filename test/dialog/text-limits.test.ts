import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogError } from '../../src/catalog/catalog-error.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { defaultTextLimit } from '../../src/catalog/text-limits.js';
import { parseTextAnswer } from '../../src/dialog/answers/text-answer.js';
import type { AnswerContext } from '../../src/dialog/answers/answer-context.js';
import { minimalCatalogFiles, writeCatalog } from '../catalog/temp-catalog.js';
import { startApiHarness, type ApiHarness } from '../lifecycle/harness.js';

/** An address that almost matches `^[^\s@]+@[^\s@]+\.[^\s@]+$`: the pattern backtracks over every dot. */
const nearMissEmail = `a@${'b.'.repeat(125_000)}@`;

let h: ApiHarness;
let app: FastifyInstance;
beforeAll(async () => {
  h = await startApiHarness();
  app = h.app;
});
afterAll(() => h.close());

describe('No regular-expression denial of service', () => {
  it('When a 250 KB near-miss email is submitted over the API, then it is refused for its length well under a second', async () => {
    const token = (await h.deps.tokens.create({ email: 'grace.holloway@example.com', roles: ['requester'] }, { id: 'cli:test-operator', channel: 'cli' })).token;
    const started = performance.now();
    const res = await app.inject({
      method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${token}` },
      payload: { requestTypeId: 'onboarding', fields: { 'joiner-name': 'Alex Doe', 'personal-email': nearMissEmail } },
    });
    const elapsed = performance.now() - started;
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors['personal-email']).toMatch(/at most 254 characters/);
    expect(elapsed).toBeLessThan(1000);
  });

  it('When the same answer is typed in the dialog, then it is re-asked for its length well under a second', async () => {
    const field = h.deps.catalog.requestType('onboarding')!.fields.find((f) => f.id === 'personal-email')!;
    const started = performance.now();
    const outcome = await parseTextAnswer(nearMissEmail, { field } as AnswerContext);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(outcome).toMatchObject({ ok: false, error: 'Please keep it under 254 characters.' });
  });

  it('When a text field sets no maximum, then answers are still limited to the default', async () => {
    const field = { ...h.deps.catalog.requestType('onboarding')!.fields.find((f) => f.id === 'personal-email')!, maxLength: undefined, pattern: undefined };
    expect(await parseTextAnswer('x'.repeat(defaultTextLimit), { field } as AnswerContext)).toMatchObject({ ok: true });
    expect(await parseTextAnswer('x'.repeat(defaultTextLimit + 1), { field } as AnswerContext)).toMatchObject({ ok: false, error: `Please keep it under ${defaultTextLimit} characters.` });
  });
});

describe('Catalog patterns are checked at load', () => {
  const roots: string[] = [];
  afterAll(async () => { await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))); });

  async function problemsWithPattern(pattern: string): Promise<string[]> {
    const files = minimalCatalogFiles();
    const widget = files['dialogs/widget.yaml']!.replace(/( {2}- id: note\n {4}label: Note\n)/, (note: string) => `${note}    pattern: '${pattern}'\n`);
    const root = await writeCatalog({ ...files, 'dialogs/widget.yaml': widget });
    roots.push(root);
    try {
      await loadCatalog(root);
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogError);
      return (error as CatalogError).problems;
    }
    return [];
  }

  it('When a pattern can backtrack catastrophically or does not compile, then the catalog refuses to load and names the field', async () => {
    expect((await problemsWithPattern('^(a+)+$')).join('\n')).toMatch(/dialogs\/widget\.yaml: fields\.\d+\.pattern: may take exponential time/);
    expect((await problemsWithPattern('^(unclosed$')).join('\n')).toMatch(/fields\.\d+\.pattern: is not a valid regular expression/);
    expect(await problemsWithPattern('^[A-Z]{2}-\\d{4}$')).toEqual([]);
  });
});
