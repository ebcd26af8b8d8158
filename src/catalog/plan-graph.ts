import type { FulfilmentStep } from './schema.js';

/**
 * The steps each step of a plan waits for: its `after`, or else the step written before it
 * (so a plan that never says `after` runs in the order it is written).
 */
export function dependenciesOf(steps: readonly FulfilmentStep[]): Map<string, string[]> {
  return new Map(steps.map((step, i) => [step.id, step.after ?? (i > 0 ? [steps[i - 1]!.id] : [])]));
}

/** Problems of a plan's graph, as `[path, message]`: unknown ids in `after`, and cycles. */
export function planGraphProblems(steps: readonly FulfilmentStep[]): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  const ids = new Set(steps.map((s) => s.id));
  steps.forEach((step, i) => {
    (step.after ?? []).forEach((dep, j) => {
      if (dep === step.id) problems.push([`fulfilment.steps.${i}.after.${j}`, `step "${step.id}" cannot wait for itself`]);
      else if (!ids.has(dep)) problems.push([`fulfilment.steps.${i}.after.${j}`, `step "${step.id}" waits for "${dep}", which is no step of this request type`]);
    });
  });
  if (problems.length) return problems;
  const deps = dependenciesOf(steps);
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    for (const dep of deps.get(id) ?? []) {
      const cycle = visit(dep, [...path, id]);
      if (cycle) return cycle;
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const [i, step] of steps.entries()) {
    const cycle = visit(step.id, []);
    if (cycle) {
      problems.push([`fulfilment.steps.${i}.after`, `step "${step.id}" waits for itself through ${cycle.reverse().join(' -> ')}`]);
      break;
    }
  }
  return problems;
}
