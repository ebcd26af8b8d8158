import type { Config } from './config.js';
import { openStore, type Store } from './store/store.js';
import { loadFileDirectory } from './directory/file-directory.js';
import type { DirectoryProvider } from './directory/person.js';
import { loadCatalog } from './catalog/load-catalog.js';
import type { Catalog } from './catalog/catalog.js';
import { createAuth, TokenService, type Auth } from './auth/index.js';

/**
 * The composition root: the only place that reads configuration and builds clients.
 * Everything else receives what it needs from here.
 */
export interface Deps {
  config: Config;
  store: Store;
  directory: DirectoryProvider;
  /** The validated catalog (intents, request types, lookups) from CATALOG_DIR. */
  catalog: Catalog;
  /** `auth.requireRole('agent')` as a route preHandler; sets request.principal. */
  auth: Auth;
  tokens: TokenService;
  close(): Promise<void>;
}

export async function buildDeps(config: Config): Promise<Deps> {
  const directory = await loadFileDirectory(config.DIRECTORY_FILE);
  const catalog = await loadCatalog(config.CATALOG_DIR);
  const store = openStore(config.DATABASE_URL);
  const tokens = new TokenService(store, directory);
  const auth = createAuth({ tokens, directory, mode: config.FRONTDOOR_MODE });
  return {
    config,
    store,
    directory,
    catalog,
    auth,
    tokens,
    async close() {
      await store.close();
    },
  };
}
