/**
 * What reconciliation reads from the identity system: every account and every group's
 * members, by userName (a work email). Connectors under integrations/ implement it; only
 * the composition root builds one. Both throw when any part of the list fails.
 */
export interface IdentityInventory {
  accounts(signal: AbortSignal): Promise<Array<{ userName: string; active: boolean }>>;
  groups(signal: AbortSignal): Promise<Array<{ name: string; members: string[] }>>;
}
