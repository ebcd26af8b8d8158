// Cross-validates the intent classifier on the catalog's intent examples and prints
// per-intent precision and recall and the intents it confuses most. Every fold also
// trains on the catalog vocabulary (descriptions, keywords, option names); the accuracy
// without it is printed for comparison.
// Usage: npm run nlu:report -- [--root DIR] [--folds 5]
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../src/catalog/load-catalog.js';
import { catalogTrainingExamples } from '../src/nlu/catalog-training-examples.js';
import { crossValidate } from '../src/nlu/cross-validate.js';

const ACCURACY_GOAL = 0.95;
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values: args } = parseArgs({
  options: {
    root: { type: 'string', default: repoRoot },
    folds: { type: 'string', default: '5' },
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
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
