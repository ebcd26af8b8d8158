import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isPostgresUrl } from '../store/postgres-database.js';
import { sqlitePath } from '../store/sqlite-database.js';
import { FieldCipher, fieldKey } from './sealed-values.js';

/**
 * The cipher for sensitive answers, from FIELD_ENCRYPTION_KEY and FIELD_ENCRYPTION_OLD_KEYS
 * (base64, 32 bytes each). Without a key (only the embedded mode allows that), a key is made
 * once and kept in `field-encryption.key` beside the SQLite file (in ./data for Postgres), so
 * a restart still opens what was sealed; an in-memory database gets a key that dies with it.
 */
export function fieldCipherFrom(input: { key?: string | undefined; oldKeys: string[]; databaseUrl: string }): FieldCipher {
  const previous = input.oldKeys.map((k) => fieldKey(Buffer.from(k, 'base64')));
  if (input.key) return new FieldCipher(fieldKey(Buffer.from(input.key, 'base64')), previous);
  return new FieldCipher(fieldKey(embeddedKey(input.databaseUrl)), previous);
}

function embeddedKey(databaseUrl: string): Buffer {
  if (!isPostgresUrl(databaseUrl) && sqlitePath(databaseUrl) === ':memory:') return randomBytes(32);
  const folder = isPostgresUrl(databaseUrl) ? resolve('data') : dirname(resolve(sqlitePath(databaseUrl)));
  const file = join(folder, 'field-encryption.key');
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  mkdirSync(folder, { recursive: true });
  // 'wx': two processes starting at once do not overwrite each other's key; the loser reads the winner's.
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }
}
