import { bigint } from 'drizzle-orm/pg-core';

/**
 * Times are epoch milliseconds, as in SQLite: past 2^31, so bigint, read back as a JS
 * number (exact up to 2^53, far beyond any date we store).
 */
export const epochMs = (name: string) => bigint(name, { mode: 'number' });
