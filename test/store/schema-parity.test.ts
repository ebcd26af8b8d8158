import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as sqliteTables from '../../src/store/schema/index.js';
import * as pgTables from '../../src/store/schema/pg/index.js';
import { openStore } from '../../src/store/open-store.js';
import { createTestDatabase, testPostgresUrl } from '../support/test-database.js';

/** What both dialects must agree on, with each column's type named by what it holds. */
interface TableShape {
  columns: Record<string, { holds: string; notNull: boolean; primary: boolean; unique: boolean; hasDefault: boolean }>;
  primaryKey: string[];
  indexes: Record<string, { columns: string[]; unique: boolean }>;
}

const holds: Record<string, string> = {
  SQLiteText: 'text', PgText: 'text',
  SQLiteTextJson: 'json', PgJsonb: 'json',
  SQLiteInteger: 'integer', PgInteger: 'integer', PgBigInt53: 'integer',
  SQLiteReal: 'double', PgDoublePrecision: 'double',
  SQLiteBoolean: 'boolean', PgBoolean: 'boolean',
};

type AnyConfig = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

function shapeOf(config: AnyConfig): TableShape {
  const columns: TableShape['columns'] = {};
  for (const c of config.columns) {
    columns[c.name] = { holds: holds[c.columnType] ?? `unknown ${c.columnType}`, notNull: c.notNull, primary: c.primary, unique: c.isUnique, hasDefault: c.hasDefault };
  }
  const indexes: TableShape['indexes'] = {};
  for (const index of config.indexes) {
    indexes[index.config.name!] = { columns: index.config.columns.map((c) => (c as { name: string }).name), unique: Boolean(index.config.unique) };
  }
  return { columns, primaryKey: config.primaryKeys.flatMap((k) => k.columns.map((c) => c.name)), indexes };
}

const sqliteShapes = Object.fromEntries(Object.values(sqliteTables).filter((t) => t instanceof SQLiteTable).map((t) => {
  const config = sqliteConfig(t);
  return [config.name, shapeOf(config)];
}));
const pgShapes = Object.fromEntries(Object.values(pgTables).filter((t) => t instanceof PgTable).map((t) => {
  const config = pgConfig(t);
  return [config.name, shapeOf(config)];
}));

describe('the SQLite and Postgres schemas', () => {
  it('When both schemas are read, then they have the same tables', () => {
    expect(Object.keys(pgShapes).sort()).toEqual(Object.keys(sqliteShapes).sort());
    expect(Object.keys(sqliteShapes).length).toBeGreaterThan(10);
  });

  for (const name of Object.keys(sqliteShapes).sort()) {
    it(`When table ${name} is compared, then its columns, keys and indexes match`, () => {
      expect(pgShapes[name], `${name} has no Postgres twin in src/store/schema/pg`).toBeDefined();
      expect(pgShapes[name]).toEqual(sqliteShapes[name]);
    });
  }
});

describe('the committed migrations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdoor-parity-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('When the SQLite migrations are applied, then the database has exactly the schema\'s tables and columns', async () => {
    const file = join(dir, 'parity.db');
    await openStore(file).close();
    const sqlite = new Database(file, { readonly: true });
    try {
      const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all() as Array<{ name: string }>;
      const found = Object.fromEntries(tables.map(({ name }) => [name, (sqlite.prepare(`pragma table_info("${name}")`).all() as Array<{ name: string }>).map((c) => c.name).sort()]));
      expect(found).toEqual(columnNames(sqliteShapes));
    } finally {
      sqlite.close();
    }
  });

  it.skipIf(!testPostgresUrl())('When the Postgres migrations are applied, then the database has exactly the schema\'s tables and columns', async () => {
    const database = await createTestDatabase(dir);
    try {
      await openStore(database.url).close();
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ table_name: string; column_name: string }>(
          "select table_name, column_name from information_schema.columns where table_schema = 'public'");
        const found: Record<string, string[]> = {};
        for (const row of rows) (found[row.table_name] ??= []).push(row.column_name);
        for (const columns of Object.values(found)) columns.sort();
        expect(found).toEqual(columnNames(pgShapes));
      } finally {
        await client.end();
      }
    } finally {
      await database.drop();
    }
  });
});

function columnNames(shapes: Record<string, TableShape>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [name, Object.keys(shape.columns).sort()]));
}
