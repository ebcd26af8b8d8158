import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { createTestDatabase } from '../support/test-database.js';

const dir = mkdtempSync(join(tmpdir(), 'frontdoor-read-isolation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Reads outside a transaction', () => {
  it('When a transaction has written but not committed, then a read elsewhere does not see it; after the commit it does', async () => {
    const database = await createTestDatabase(dir);
    const store = openStore(database.url);
    try {
      const row = { id: 'tok-1', tokenHash: 'hash-1', personId: 'ethan.brooks@example.com', roles: ['requester'], createdAt: 1, expiresAt: 2, createdBy: 'cli:x' };
      let letGo!: () => void;
      const held = new Promise<void>((resolve) => { letGo = resolve; });
      let written!: () => void;
      const wrote = new Promise<void>((resolve) => { written = resolve; });
      const transaction = store.transaction(async (repos) => {
        await repos.apiTokens.add(row);
        written();
        await held; // another handler reads while this one is still open
      });
      await wrote;
      expect(await store.read.apiTokens.find('tok-1')).toBeUndefined();
      letGo();
      await transaction;
      expect(await store.read.apiTokens.find('tok-1')).toMatchObject({ personId: 'ethan.brooks@example.com' });
    } finally {
      await store.close();
      await database.drop();
    }
  });
});
