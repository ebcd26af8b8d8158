/**
 * The Postgres tables: one twin per SQLite table in ../, with the same table, column,
 * index and constraint names (test/store/schema-parity.test.ts holds them together). A
 * change to a table in ../ needs the same change here, then `npm run db:generate -- --name <what_changed>`.
 */
export * from './conversations.js';
export * from './requests.js';
export * from './platform.js';
export * from './nlu.js';
export * from './channels.js';
export * from './directory.js';
export * from './manual-work.js';
export * from './hr-events.js';
