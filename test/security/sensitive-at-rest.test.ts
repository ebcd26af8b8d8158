import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { deleteAfterLogin } from '../../src/requests/delete-after-login.js';
import { sqlitePath } from '../../src/store/sqlite-database.js';
import { startE2E, type E2E } from '../e2e/e2e-harness.js';
import { auditorToken, inDays, submitThrough } from '../e2e/play-transcript.js';
import { buildTestApp, testFieldKey } from '../support/test-app.js';

const personalEmail = 'nadia.okafor.private@gmail.com';
const startDate = inDays(21);

/** Every text in every table of the app's database, SQLite file or Postgres, as one string. */
async function everythingStored(databaseUrl: string): Promise<string> {
  if (/^postgres(ql)?:/i.test(databaseUrl)) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows: tables } = await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
      );
      const texts: string[] = [];
      for (const { table_name } of tables) {
        const { rows } = await client.query(`select * from "${table_name}"`);
        texts.push(JSON.stringify(rows));
      }
      return texts.join('\n');
    } finally {
      await client.end();
    }
  }
  const db = new Database(sqlitePath(databaseUrl), { readonly: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>;
    return tables.map(({ name }) => JSON.stringify(db.prepare(`select * from "${name}"`).all())).join('\n');
  } finally {
    db.close();
  }
}

/** An executive's onboarding (pre-authorised): the account is created as soon as they confirm. */
async function onboard(e: E2E): Promise<string> {
  return submitThrough(e, 'priya.raman@example.com', [
    ['I want to onboard a new hire', "What is the new joiner's full name?"],
    ['Nadia Okafor', 'What is their personal email?'],
    [personalEmail, 'When do they start?'],
    [{ answer: startDate }, 'Which department do they join?'],
    ['engineering', 'What kind of role is it?'],
    ['engineer', 'What is their job title?'],
    ['Staff Engineer', 'Who will be their manager?'],
    ['dana.lee@example.com', 'Which office will they work from?'],
    ['berlin', ['Personal email: ••••', { not: personalEmail }]],
    [{ click: 'Confirm' }, /REQ-\d+\. Fulfilment is starting/],
  ]);
}

describe('Sensitive answers at rest', () => {
  let e: E2E | undefined;
  afterEach(async () => {
    await e?.close();
    e = undefined;
  });

  it('When a personal email is given in the web chat, then the database holds it nowhere in clear, and the identity system still gets it', async () => {
    e = await startE2E();
    // Half-way through the form: the answer in progress is already sealed in the stored conversation.
    const me = await e.chat('priya.raman@example.com');
    await me.send('I want to onboard a new hire');
    await me.send('Nadia Okafor');
    await me.send(personalEmail);
    expect(await everythingStored(e.deps.config.DATABASE_URL)).not.toContain(personalEmail);
    await e.close();

    e = await startE2E();
    const number = await onboard(e);
    const created = e.identity.received.find((r) => r.method === 'POST' && r.url.startsWith('/api/v1/users'));
    expect(created?.body).toMatchObject({ profile: { secondEmail: personalEmail, login: 'nadia.okafor@example.com' } });
    const stored = await everythingStored(e.deps.config.DATABASE_URL);
    expect(stored).toContain('Nadia Okafor');
    expect(stored).not.toContain(personalEmail);
    expect(stored).toMatch(/fdenc:[0-9a-f]{8}:/);

    const view = await e.api('priya.raman@example.com', 'GET', `/api/v1/requests/${number}`);
    expect(view.json()).toMatchObject({ fields: { 'personal-email': '••••' } });
  });

  it('When the API submits a personal email, then it is sealed in the request and in the step input, and opened only for the identity call', async () => {
    e = await startE2E();
    const res = await e.api('priya.raman@example.com', 'POST', '/api/v1/requests', {
      requestTypeId: 'onboarding',
      fields: {
        'joiner-name': 'Nadia Okafor',
        'personal-email': personalEmail,
        'start-date': startDate,
        department: 'engineering',
        role: 'engineer',
        title: 'Staff Engineer',
        manager: 'dana.lee@example.com',
        location: 'Berlin',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    await e.deps.fulfilment.idle();
    expect(e.identity.userByLogin('nadia.okafor@example.com')?.profile.secondEmail).toBe(personalEmail);
    expect(await everythingStored(e.deps.config.DATABASE_URL)).not.toContain(personalEmail);
  });

  it('When the new account has been logged in to, then the job deletes the personal email from the request and the step input, and the audit says so', async () => {
    e = await startE2E();
    const number = await onboard(e);
    const job = () => deleteAfterLogin(e!.deps.lifecycleContext, e!.deps.integrations);
    expect(await job()).toBe(0); // nobody has logged in yet: still needed
    const request = (await e.deps.store.read.requests.findByNumber(Number(number.slice(4))))!;
    expect(request.fields['personal-email']).toMatch(/^fdenc:/);

    e.identity.logIn('nadia.okafor@example.com');
    expect(await job()).toBe(1);
    const after = (await e.deps.store.read.requests.findById(request.id))!;
    expect(after.fields['personal-email']).toBeNull();
    expect(after.fields['joiner-name']).toBe('Nadia Okafor');
    const steps = await e.deps.store.read.fulfilmentSteps.listByRequest(request.id);
    expect(JSON.stringify(steps.map((s) => s.input))).not.toContain('fdenc:');
    expect(await job()).toBe(0); // once

    const trail = await e.apiWithToken(await auditorToken(e), 'GET', `/api/v1/audit/requests/${number}`);
    const deleted = (trail.json() as { entries: Array<{ actor: string; action: string; reason: string | null }> }).entries.find(
      (x) => x.action === 'request.answer-deleted',
    );
    expect(deleted).toMatchObject({
      actor: 'system',
      reason: expect.stringMatching(/^Personal email deleted: the new account was first logged in to/) as unknown,
    });
  });

  it('When the account is never logged in to, then the personal email is deleted 14 days after the start date all the same', async () => {
    e = await startE2E();
    const number = await onboard(e);
    const request = (await e.deps.store.read.requests.findByNumber(Number(number.slice(4))))!;
    const latest = Date.parse(`${startDate}T00:00:00Z`) + 14 * 86_400_000;
    expect(await deleteAfterLogin({ ...e.deps.lifecycleContext, now: () => latest - 1 }, e.deps.integrations)).toBe(0);
    expect(await deleteAfterLogin({ ...e.deps.lifecycleContext, now: () => latest }, e.deps.integrations)).toBe(1);
    expect((await e.deps.store.read.requests.findById(request.id))!.fields['personal-email']).toBeNull();
  });
});

describe('The field encryption key', () => {
  it('When the secure mode starts without FIELD_ENCRYPTION_KEY, then start is refused and says how to make one', () => {
    const start = () => loadConfig({ FRONTDOOR_MODE: 'secure', DIRECTLINE_SECRET: 'a-secret-of-sixteen-chars' });
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(/FIELD_ENCRYPTION_KEY: is required when FRONTDOOR_MODE=secure .*openssl rand -base64 32/);
    expect(() => loadConfig({ FRONTDOOR_MODE: 'secure', DIRECTLINE_SECRET: 'a-secret-of-sixteen-chars', FIELD_ENCRYPTION_KEY: 'too-short' })).toThrow(
      /FIELD_ENCRYPTION_KEY: must be 32 random bytes in base64/,
    );
  });

  it('When the key is rotated, then answers sealed with the old key still open and new ones use the new key', async () => {
    const newKey = Buffer.alloc(32, 9).toString('base64');
    const before = await buildTestApp({ name: 'rotation' });
    const sealed = before.deps.lifecycleContext.fieldCipher.seal(personalEmail);
    await before.close();
    const after = await buildTestApp({ name: 'rotation', env: { FIELD_ENCRYPTION_KEY: newKey, FIELD_ENCRYPTION_OLD_KEYS: testFieldKey } });
    try {
      const cipher = after.deps.lifecycleContext.fieldCipher;
      expect(cipher.open(sealed)).toBe(personalEmail);
      expect(cipher.seal(personalEmail).split(':')[1]).not.toBe(sealed.split(':')[1]);
    } finally {
      await after.close();
    }
  });
});
