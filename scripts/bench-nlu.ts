// Trains the production intent classifier on a CLINC150-format file and reports in-scope
// accuracy, out-of-scope detection, training time, latency and memory.
// Usage: npm run bench:nlu -- [--data FILE] [--accuracy-cost 0.01] [--min-oos-recall 0.6]
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { trainIntentClassifier, type IntentClassifier, type LabelledText } from '../src/nlu/intent-classifier.js';
import {
  operatingPoint,
  outOfScopeAuroc,
  thresholdForAccuracyCost,
  thresholdForOosRecall,
  type OperatingPoint,
  type ScoredPrediction,
} from '../src/nlu/out-of-scope-metrics.js';

const OUT_OF_SCOPE = 'oos';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const itemsSchema = z.array(z.tuple([z.string(), z.string().min(1)]));
const datasetSchema = z.object({
  train: itemsSchema.min(1),
  val: itemsSchema.min(1),
  oos_train: itemsSchema.optional(),
  oos_val: itemsSchema.optional(),
  test: itemsSchema.optional(),
  oos_test: itemsSchema.optional(),
});
type Items = z.infer<typeof itemsSchema>;

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(repoRoot, '../shared/data/clinc150/clinc150_train_val.json') },
    'accuracy-cost': { type: 'string', default: '0.01' },
    'min-oos-recall': { type: 'string', default: '0.6' },
  },
});
const headlineCost = Number(args['accuracy-cost']);
const minOosRecall = Number(args['min-oos-recall']);

function readDataset(path: string): z.infer<typeof datasetSchema> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${path} as JSON: ${(error as Error).message}`);
  }
  const parsed = datasetSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `${path} is not in CLINC150 format (keys train, val, optional oos_train, oos_val, test, oos_test; ` +
        `each a list of [text, intent]):\n${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** Splits items in two halves, alternating within each intent so both halves cover every intent. */
function stratifiedHalves(items: Items): [Items, Items] {
  const seen = new Map<string, number>();
  const halves: [Items, Items] = [[], []];
  for (const item of items) {
    const index = seen.get(item[1]) ?? 0;
    seen.set(item[1], index + 1);
    halves[index % 2].push(item);
  }
  return halves;
}

function toLabelled(items: Items): LabelledText[] {
  return items.map(([text, intent]) => ({ text, intent }));
}

function evaluate(classifier: IntentClassifier, items: Items, latencies: number[]): ScoredPrediction[] {
  return items.map(([text, intent]) => {
    const started = performance.now();
    const [best] = classifier.classify(text);
    latencies.push(performance.now() - started);
    return { inScope: intent !== OUT_OF_SCOPE, correct: best.intent === intent, confidence: best.confidence };
  });
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

const pct = (fraction: number): string => `${(fraction * 100).toFixed(1)} %`;

function main(): void {
  const data = readDataset(args.data);
  const hasOutOfScope = data.oos_val !== undefined && data.oos_val.length > 0;
  const hasTest = data.test !== undefined;

  let tuneItems: Items;
  let reportItems: Items;
  let protocol: string;
  if (hasTest) {
    tuneItems = [...data.val, ...(data.oos_val ?? [])];
    reportItems = [...(data.test ?? []), ...(data.oos_test ?? [])];
    protocol = 'thresholds chosen on val + oos_val; figures on test + oos_test';
  } else {
    const [valTune, valReport] = stratifiedHalves(data.val);
    const [oosTune, oosReport] = stratifiedHalves(data.oos_val ?? []);
    tuneItems = [...valTune, ...oosTune];
    reportItems = [...valReport, ...oosReport];
    protocol = 'no test split: thresholds chosen on one half of val + oos_val; figures on the other half';
  }

  const trainItems = [...data.train, ...(data.oos_train ?? [])];
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const classifier = trainIntentClassifier(toLabelled(trainItems));
  const trainSeconds = (performance.now() - started) / 1000;
  const trainCpuSeconds = process.cpuUsage(cpuBefore).user / 1e6;

  const warmUp: number[] = [];
  evaluate(classifier, tuneItems.slice(0, 200), warmUp);
  const latencies: number[] = [];
  const tune = evaluate(classifier, tuneItems, latencies);
  const report = evaluate(classifier, reportItems, latencies);
  const p50Ms = percentile(latencies, 0.5);
  const p99Ms = percentile(latencies, 0.99);

  console.log(`data: ${args.data}`);
  console.log(`${protocol}`);
  console.log(
    `train ${trainItems.length} utterances, ${classifier.intents.length} intents; ` +
      `tune ${tuneItems.length}, report ${reportItems.length}`,
  );
  console.log(`train ${trainSeconds.toFixed(2)} s (${trainCpuSeconds.toFixed(2)} s CPU); classify p50 ${p50Ms.toFixed(3)} ms, p99 ${p99Ms.toFixed(3)} ms`);

  const noThreshold = operatingPoint(report, -Infinity);
  console.log(`in-scope accuracy without threshold: ${pct(noThreshold.inScopeAccuracy)}`);
  let headline = noThreshold;
  let atMinOosRecall: OperatingPoint | null = null;
  let auroc: number | null = null;
  if (hasOutOfScope && report.some((p) => !p.inScope)) {
    auroc = outOfScopeAuroc(report);
    console.log(`out-of-scope AUROC: ${auroc.toFixed(4)}`);
    for (const cost of [0, 0.01, 0.02]) {
      const chosen = thresholdForAccuracyCost(tune, cost);
      const point = operatingPoint(report, chosen.threshold);
      console.log(
        `accuracy cost ${(cost * 100).toFixed(0)} pt (threshold ${chosen.threshold.toFixed(3)} on tune): ` +
          `in-scope accuracy ${pct(point.inScopeAccuracy)}, oos recall ${pct(point.oosRecall)}`,
      );
    }
    const recallChoice = thresholdForOosRecall(tune, minOosRecall);
    atMinOosRecall = operatingPoint(report, recallChoice.threshold);
    console.log(
      `oos recall at least ${pct(minOosRecall)} on tune (threshold ${recallChoice.threshold.toFixed(3)}, ` +
        `in-scope accuracy ${pct(recallChoice.inScopeAccuracy)} there): ` +
        `in-scope accuracy ${pct(atMinOosRecall.inScopeAccuracy)}, oos recall ${pct(atMinOosRecall.oosRecall)}`,
    );
    headline = operatingPoint(report, thresholdForAccuracyCost(tune, headlineCost).threshold);
    console.log(
      `headline (at most ${(headlineCost * 100).toFixed(1)} pt accuracy cost on tune): ` +
        `in-scope accuracy ${pct(headline.inScopeAccuracy)}, oos recall ${pct(headline.oosRecall)}`,
    );
  } else {
    console.log('no out-of-scope items: accuracy only');
  }
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`peak RSS ${rssMb.toFixed(0)} MB`);
  console.log(
    JSON.stringify({
      inScopeAccuracy: headline.inScopeAccuracy,
      oosRecall: auroc === null ? null : headline.oosRecall,
      oosAuroc: auroc,
      atMinOosRecall:
        atMinOosRecall === null
          ? null
          : { minOosRecall, inScopeAccuracy: atMinOosRecall.inScopeAccuracy, oosRecall: atMinOosRecall.oosRecall },
      trainSeconds,
      p50Ms,
      p99Ms,
      rssMb,
    }),
  );
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
