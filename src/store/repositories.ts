import type { Db, Dialect, Tables } from './database.js';
import { SequenceRepository } from './repositories/sequence-repository.js';
import { ConversationRepository } from './repositories/conversation-repository.js';
import { DialogOutcomeRepository } from './repositories/dialog-outcome-repository.js';
import { TriageRepository } from './repositories/triage-repository.js';
import { IncidentRepository } from './repositories/incident-repository.js';
import { DirectLineRepository } from './repositories/directline-repository.js';
import { ApiTokenRepository } from './repositories/api-token-repository.js';
import { AuditRepository } from './repositories/audit-repository.js';
import { OutboxRepository } from './repositories/outbox-repository.js';
import { LeaseRepository } from './repositories/lease-repository.js';
import { RequestRepository } from './repositories/request-repository.js';
import { ApprovalRepository } from './repositories/approval-repository.js';
import { FulfilmentStepRepository } from './repositories/fulfilment-step-repository.js';
import { FulfilmentQueueRepository } from './repositories/fulfilment-queue-repository.js';
import { TrainingCandidateRepository } from './repositories/training-candidate-repository.js';
import { ChannelReceiptRepository } from './repositories/channel-receipt-repository.js';
import { ChannelMessageRepository } from './repositories/channel-message-repository.js';
import { ChannelIdentityRepository } from './repositories/channel-identity-repository.js';
import { CatalogSnapshotRepository } from './repositories/catalog-snapshot-repository.js';
import { AccessGrantRepository } from './repositories/access-grant-repository.js';
import { GaugeRepository } from './repositories/gauge-repository.js';
import { ChannelConversationRepository } from './repositories/channel-conversation-repository.js';
import { DirectoryRepository } from './repositories/directory-repository.js';
import { NluDecisionRepository } from './repositories/nlu-decision-repository.js';
import { ReportRepository } from './repositories/report-repository.js';
import { ManualTaskRepository } from './repositories/manual-task-repository.js';
import { HrEventRepository } from './repositories/hr-event-repository.js';

/**
 * Every repository, built over one connection (or transaction) and the dialect's tables.
 * Nothing above this layer imports drizzle or knows the dialect. Add a repository here
 * with one line.
 */
export function createRepositories(db: Db, t: Tables, dialect: Dialect) {
  return {
    sequences: new SequenceRepository(db, t),
    conversations: new ConversationRepository(db, t),
    dialogOutcomes: new DialogOutcomeRepository(db, t),
    triage: new TriageRepository(db, t),
    incidents: new IncidentRepository(db, t),
    directline: new DirectLineRepository(db, t),
    apiTokens: new ApiTokenRepository(db, t),
    audit: new AuditRepository(db, t),
    outbox: new OutboxRepository(db, t, dialect),
    leases: new LeaseRepository(db, t),
    requests: new RequestRepository(db, t),
    approvals: new ApprovalRepository(db, t),
    fulfilmentSteps: new FulfilmentStepRepository(db, t, dialect),
    fulfilmentQueue: new FulfilmentQueueRepository(db, t, dialect),
    trainingCandidates: new TrainingCandidateRepository(db, t),
    channelReceipts: new ChannelReceiptRepository(db, t, dialect),
    channelMessages: new ChannelMessageRepository(db, t),
    channelIdentities: new ChannelIdentityRepository(db, t),
    catalogSnapshots: new CatalogSnapshotRepository(db, t),
    accessGrants: new AccessGrantRepository(db, t, dialect),
    gauges: new GaugeRepository(db, t),
    channelConversations: new ChannelConversationRepository(db, t),
    directory: new DirectoryRepository(db, t),
    nluDecisions: new NluDecisionRepository(db, t),
    reports: new ReportRepository(db, t),
    manualTasks: new ManualTaskRepository(db, t),
    hrEvents: new HrEventRepository(db, t),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
