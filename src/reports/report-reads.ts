import type { ReportRepository } from '../store/repositories/report-repository.js';

/** The reads a report makes (the repository's public methods). */
export type ReportReads = { [K in keyof ReportRepository]: ReportRepository[K] };

/**
 * The same reads, each made once per window and arguments and shared by whoever asks again:
 * the dashboard runs every report over one period, and several of them read the same
 * requests, history, steps and decisions. The rows are only read by the reports, never
 * changed, so sharing them is safe; a set lives for one run of the reports, never longer.
 */
export function sharedReads(read: ReportRepository): ReportReads {
  const made = new Map<string, Promise<unknown>>();
  const once = <A extends unknown[], R>(name: string, call: (...args: A) => Promise<R>) => (...args: A): Promise<R> => {
    const key = `${name} ${JSON.stringify(args)}`;
    const earlier = made.get(key) as Promise<R> | undefined;
    if (earlier) return earlier;
    const reading = call(...args);
    made.set(key, reading);
    return reading;
  };
  return {
    requests: once('requests', (w) => read.requests(w)),
    history: once('history', (w) => read.history(w)),
    approvals: once('approvals', (w) => read.approvals(w)),
    steps: once('steps', (w) => read.steps(w)),
    reworkedStepIds: once('reworkedStepIds', (w, actions) => read.reworkedStepIds(w, actions)),
    dialogs: once('dialogs', (w) => read.dialogs(w)),
    conversations: once('conversations', (w) => read.conversations(w)),
    nluDecisions: once('nluDecisions', (w) => read.nluDecisions(w)),
    firstDecisionAt: once('firstDecisionAt', (w) => read.firstDecisionAt(w)),
  };
}
