export { audit, systemActor, type AuditFact, type AuditChannel } from './audit-trail.js';
export { maskSensitive, maskFields, maskValuesFrom, maskedValue } from './mask.js';
