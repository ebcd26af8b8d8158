import { defineConfig } from 'drizzle-kit';

/** The Postgres twin of drizzle.config.ts; `npm run db:generate -- --name <name>` adds the next migration of both. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema/pg/index.ts',
  out: './src/store/migrations/postgres',
});
