import { z } from 'zod';
import { requestNumberSchema } from '../request-records/request-number.js';

/** The error body of every 4xx (see src/http/error-handler.ts). */
export const errorBody = z.object({
  error: z.string(),
  message: z.string(),
  fieldErrors: z.record(z.string(), z.string()).optional(),
});

/** Responses every authenticated route may give besides its own. */
export const authErrors = { 400: errorBody, 401: errorBody, 403: errorBody } as const;

export const numberParams = z.object({ number: requestNumberSchema });

export const statusLineView = z.object({
  number: z.string(),
  title: z.string(),
  status: z.string(),
  step: z.string(),
  waitingOn: z.string(),
  due: z.string().optional(),
  overdue: z.boolean(),
});

export const approvalCardView = z.object({
  kind: z.literal('approval'),
  approvalId: z.string(),
  requestNumber: z.string(),
  title: z.string(),
  requester: z.string(),
  summary: z.array(z.object({ label: z.string(), value: z.string() })),
  cost: z.string().optional(),
  risk: z.string(),
  reason: z.string(),
  outcome: z.object({
    decision: z.enum(['approved', 'denied', 'cancelled', 'withdrawn']),
    by: z.string().optional(),
    comment: z.string().optional(),
  }).optional(),
});

export const security = [{ bearer: [] }];
