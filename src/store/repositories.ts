import type { SqliteDb } from './sqlite-database.js';
import { SequenceRepository } from './repositories/sequence-repository.js';
import { ConversationRepository } from './repositories/conversation-repository.js';
import { DialogOutcomeRepository } from './repositories/dialog-outcome-repository.js';
import { TriageRepository } from './repositories/triage-repository.js';
import { IncidentRepository } from './repositories/incident-repository.js';
import { DirectLineRepository } from './repositories/directline-repository.js';
import { ApiTokenRepository } from './repositories/api-token-repository.js';
import { AuditRepository } from './repositories/audit-repository.js';
import { OutboxRepository } from './repositories/outbox-repository.js';
import { RequestRepository } from './repositories/request-repository.js';
import { ApprovalRepository } from './repositories/approval-repository.js';
import { FulfilmentStepRepository } from './repositories/fulfilment-step-repository.js';
import { TrainingCandidateRepository } from './repositories/training-candidate-repository.js';
import { SlackEventReceiptRepository } from './repositories/slack-event-receipt-repository.js';
import { SlackMessageRepository } from './repositories/slack-message-repository.js';
import { SlackUserRepository } from './repositories/slack-user-repository.js';

/**
 * Every repository, built over one connection. Nothing above this layer imports drizzle
 * or knows the dialect. Add a repository here with one line.
 */
export function createRepositories(db: SqliteDb) {
  return {
    sequences: new SequenceRepository(db),
    conversations: new ConversationRepository(db),
    dialogOutcomes: new DialogOutcomeRepository(db),
    triage: new TriageRepository(db),
    incidents: new IncidentRepository(db),
    directline: new DirectLineRepository(db),
    apiTokens: new ApiTokenRepository(db),
    audit: new AuditRepository(db),
    outbox: new OutboxRepository(db),
    requests: new RequestRepository(db),
    approvals: new ApprovalRepository(db),
    fulfilmentSteps: new FulfilmentStepRepository(db),
    trainingCandidates: new TrainingCandidateRepository(db),
    slackEventReceipts: new SlackEventReceiptRepository(db),
    slackMessages: new SlackMessageRepository(db),
    slackUsers: new SlackUserRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
