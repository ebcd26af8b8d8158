import type { Store } from '../../store/store.js';

const day = 24 * 60 * 60 * 1000;

/**
 * Deletes web chat conversations nobody used for `retentionDays`, with their activities, in
 * batches so no transaction grows large. Returns how many went.
 */
export async function purgeIdleWebChats(store: Store, now: number, retentionDays: number): Promise<number> {
  let purged = 0;
  for (;;) {
    const batch = await store.transaction((repos) => repos.directline.purgeIdle(now - retentionDays * day));
    purged += batch;
    if (batch === 0) return purged;
  }
}
