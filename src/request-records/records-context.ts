import type { Catalog } from '../catalog/catalog.js';
import type { DirectoryProvider } from '../directory/person.js';
import type { Store } from '../store/store.js';

export interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What every module working on requests receives from the composition root. */
export interface RecordsContext {
  store: Store;
  /** The current catalog (a reload gives a new object; requests pin the version they used). */
  catalog(): Catalog;
  directory: DirectoryProvider;
  /** Delivers what the use case wrote to the outbox, after its transaction committed. */
  outbox: { flush(): Promise<unknown> };
  now(): number;
  /** IANA zone for times shown to people ("try again after 14:05"). */
  timeZone: string;
  log: Log;
}
