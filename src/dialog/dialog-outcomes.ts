import type { Store } from '../store/store.js';

export interface DialogOutcomeReport {
  started: number;
  abandoned: number;
  /** abandoned / started; 0 when none started. */
  rate: number;
}

/** Open dialogs whose conversation has been quiet for longer than `idleMs` become abandoned. */
export async function markAbandonedDialogs(store: Store, now: Date, idleMs: number): Promise<number> {
  return store.transaction((repos) => repos.dialogOutcomes.markAbandoned(now.getTime() - idleMs, now.getTime()));
}

/** Abandonment rate over dialogs started in the window (all time by default). */
export async function abandonmentRate(store: Store, window: { from?: Date; to?: Date } = {}): Promise<DialogOutcomeReport> {
  const { started, abandoned } = await store.read.dialogOutcomes.counts({
    ...(window.from ? { from: window.from.getTime() } : {}),
    ...(window.to ? { to: window.to.getTime() } : {}),
  });
  return { started, abandoned, rate: started === 0 ? 0 : abandoned / started };
}
