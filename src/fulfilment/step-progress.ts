import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';
import type { StepProgress } from './fulfilment.js';

export function progressOf(row: FulfilmentStepRow): StepProgress {
  return {
    id: row.id, title: row.title, kind: row.kind, team: row.team, integration: row.integration,
    status: row.status, subStatus: row.subStatus, error: row.error, note: row.note, attempts: row.attempts,
  };
}
