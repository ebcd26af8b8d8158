export { audit, systemActor, type AuditFact, type AuditChannel } from './audit-trail.js';
export { maskSensitive, maskedValue } from './mask.js';
