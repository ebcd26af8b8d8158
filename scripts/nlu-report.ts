// Cross-validates the intent classifier on the catalog's intent examples and prints
// per-intent precision and recall and the intents it confuses most. Every fold also
// trains on the catalog vocabulary (descriptions, keywords, option names); the accuracy
// without it is printed for comparison. Then the first-message set (eval/first-messages.yaml,
// kept apart from the training examples) is routed by a classifier trained on everything, as
// the app trains it, and every message that goes elsewhere than it should is listed.
// Usage: npm run nlu:report -- [--root DIR] [--folds 5] [--first-messages FILE]
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../src/catalog/load-catalog.js';
import { catalogTrainingExamples } from '../src/nlu/catalog-training-examples.js';
import { crossValidate } from '../src/nlu/cross-validate.js';
import { trainIntentClassifier } from '../src/nlu/intent-classifier.js';
import { scoreFirstMessages } from './support/first-messages.js';

const ACCURACY_GOAL = 0.95;
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values: args } = parseArgs({
  options: {
    root: { type: 'string', default: repoRoot },
    folds: { type: 'string', default: '5' },
    'first-messages': { type: 'string', default: resolve(repoRoot, 'eval/first-messages.yaml') },
  },
});

const pct = (fraction: number): string => `${(fraction * 100).toFixed(1).padStart(5)} %`;

async function main(): Promise<void> {
  const catalog = await loadCatalog(args.root);
  const { examples, vocabulary } = catalogTrainingExamples(catalog);
  const folds = Number(args.folds);
  const report = crossValidate(examples, { folds, trainingOnly: vocabulary });
  const examplesOnly = crossValidate(examples, { folds });

  console.log(
    `${catalog.intents.length} intents, ${examples.length} examples (+${vocabulary.length} vocabulary phrases), ` +
      `${report.folds}-fold cross-validation\n`,
  );
  const width = Math.max(...report.perIntent.map((s) => s.intent.length), 'intent'.length);
  console.log(`${'intent'.padEnd(width)}  precision     recall  examples`);
  for (const s of report.perIntent) {
    console.log(`${s.intent.padEnd(width)}  ${pct(s.precision)}    ${pct(s.recall)}  ${String(s.support).padStart(8)}`);
  }
  console.log('\nmost confused (expected -> predicted):');
  if (report.confusedPairs.length === 0) console.log('  none');
  for (const pair of report.confusedPairs) console.log(`  ${pair.expected} -> ${pair.predicted}: ${pair.count}`);
  const verdict = report.accuracy >= ACCURACY_GOAL ? 'meets' : 'below';
  console.log(`\naccuracy ${pct(report.accuracy)} (${verdict} the ${pct(ACCURACY_GOAL).trim()} goal)`);
  console.log(`accuracy trained on the examples alone: ${pct(examplesOnly.accuracy)}`);

  const firstMessages = await scoreFirstMessages(args['first-messages'], catalog, trainIntentClassifier([...examples, ...vocabulary]), [...examples, ...vocabulary]);
  console.log(`\nfirst messages (${args['first-messages']}), routed as the app routes them:`);
  for (const miss of firstMessages.misses) console.log(`  "${miss.say}": ${miss.went}, expected ${miss.expected}`);
  const rate = firstMessages.right / firstMessages.total;
  console.log(`${firstMessages.right} of ${firstMessages.total} reach the right place: ${pct(rate)} (${rate >= ACCURACY_GOAL ? 'meets' : 'below'} the ${pct(ACCURACY_GOAL).trim()} goal)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
