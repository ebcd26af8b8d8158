/**
 * Errors that carry a code. One handler per entry point (HTTP error handler, the
 * conversation's turn-error policy) decides what a person sees; detail goes to the log.
 */
export enum ErrorCode {
  Validation = 'validation',
  NotFound = 'not_found',
  Forbidden = 'forbidden',
  Unauthenticated = 'unauthenticated',
  Conflict = 'conflict',
  KeyReused = 'key_reused',
  Throttled = 'throttled',
  NotEligible = 'not_eligible',
  Integration = 'integration',
  Catalog = 'catalog',
}

const httpStatus: Record<ErrorCode, number> = {
  [ErrorCode.Validation]: 400,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.KeyReused]: 422,
  [ErrorCode.Throttled]: 429,
  [ErrorCode.NotEligible]: 403,
  [ErrorCode.Integration]: 502,
  [ErrorCode.Catalog]: 500,
};

export class FrontdoorError extends Error {
  readonly code: ErrorCode;
  /** Safe to show to the person who caused it. */
  readonly userMessage: string;
  readonly details?: unknown;

  constructor(code: ErrorCode, userMessage: string, options: { details?: unknown; cause?: unknown } = {}) {
    super(userMessage, { cause: options.cause });
    this.name = 'FrontdoorError';
    this.code = code;
    this.userMessage = userMessage;
    this.details = options.details;
  }

  get httpStatus(): number {
    return httpStatus[this.code];
  }
}

export class ValidationError extends FrontdoorError {
  constructor(message: string, readonly fieldErrors: Record<string, string> = {}) {
    super(ErrorCode.Validation, message, { details: fieldErrors });
  }
}
export class NotFoundError extends FrontdoorError {
  constructor(message: string) { super(ErrorCode.NotFound, message); }
}
export class ForbiddenError extends FrontdoorError {
  constructor(message: string) { super(ErrorCode.Forbidden, message); }
}
export class UnauthenticatedError extends FrontdoorError {
  constructor(message = 'A valid bearer token is required') { super(ErrorCode.Unauthenticated, message); }
}
export class ConflictError extends FrontdoorError {
  constructor(message: string) { super(ErrorCode.Conflict, message); }
}
/** An idempotency key sent again with a different request: the key names one request only. */
export class KeyReusedError extends FrontdoorError {
  constructor(message: string) { super(ErrorCode.KeyReused, message); }
}
export class ThrottledError extends FrontdoorError {
  constructor(message: string) { super(ErrorCode.Throttled, message); }
}
export class NotEligibleError extends FrontdoorError {
  constructor(message: string) { super(ErrorCode.NotEligible, message); }
}

/**
 * An integration call failed; carries which system and which operation, whether the system
 * may answer differently later (no answer, 5xx, 429), and how long it asked us to wait
 * (a 429's or 503's Retry-After).
 */
export class IntegrationError extends FrontdoorError {
  constructor(readonly integration: string, readonly operation: string, message: string, options: { cause?: unknown; retryable?: boolean; retryAfterMs?: number } = {}) {
    super(ErrorCode.Integration, `${integration} could not ${operation}: ${message}`, { cause: options.cause });
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
}
