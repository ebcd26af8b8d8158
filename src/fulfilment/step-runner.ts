/**
 * Runs a request's fulfilment steps. The one seam for how steps run: the sequential runner
 * today; a durable one (claims, retries with backoff, circuit breakers, compensation) can
 * replace it without touching the use cases.
 */
export interface StepRunner {
  /** Runs whatever can run now for the request; returns when it waits on people or is done. */
  runPending(requestId: string): Promise<void>;
  /** Takes over steps whose replica died mid-call and runs on from them; returns how many. */
  resumeStalled(): Promise<number>;
}
