import type { Config } from './config.js';
import { openStore, type Store } from './store/store.js';

/**
 * The composition root: the only place that reads configuration and builds clients.
 * Everything else receives what it needs from here.
 */
export interface Deps {
  config: Config;
  store: Store;
  close(): Promise<void>;
}

export async function buildDeps(config: Config): Promise<Deps> {
  const store = openStore(config.DATABASE_URL);
  return {
    config,
    store,
    async close() {
      await store.close();
    },
  };
}
