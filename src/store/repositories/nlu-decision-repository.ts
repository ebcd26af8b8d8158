import type { Db, Tables } from '../database.js';

export type NluDecisionRow = Tables['nluDecisions']['$inferSelect'];

/** What the classifier decided about each free-text message, for the confidence and triage reports. */
export class NluDecisionRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async insert(row: NluDecisionRow): Promise<void> {
    await this.db.insert(this.tables.nluDecisions).values(row);
  }
}
