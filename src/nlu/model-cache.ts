import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  INTENT_MODEL_VERSION,
  loadIntentClassifier,
  resolveTrainOptions,
  trainIntentClassifier,
  type IntentClassifier,
  type LabelledText,
  type TrainOptions,
} from './intent-classifier.js';

export interface CachedClassifier {
  classifier: IntentClassifier;
  /** True when the model came from the cache, false when it was trained now. */
  fromCache: boolean;
  cacheFile: string;
}

/**
 * The classifier's own code, fingerprinted: a model cached by an older release (other
 * features, another solver) must never be loaded by a newer one, even when nobody bumped
 * INTENT_MODEL_VERSION.
 */
const codeFingerprint = (() => {
  const hash = createHash('sha256');
  const folder = dirname(fileURLToPath(import.meta.url));
  for (const name of readdirSync(folder).filter((f) => /\.(ts|js)$/.test(f)).sort()) {
    hash.update(name).update(readFileSync(join(folder, name)));
  }
  return hash.digest('hex');
})();

/** Cache key: the examples, the resolved options, the model version and the classifier's code. */
export function modelCacheKey(examples: readonly LabelledText[], options: Partial<TrainOptions> = {}): string {
  const content = JSON.stringify({
    version: INTENT_MODEL_VERSION,
    code: codeFingerprint,
    options: resolveTrainOptions(options),
    examples: examples.map((e) => [e.text, e.intent]),
  });
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Loads the model trained on exactly these examples and options from `cacheDir`, or
 * trains and stores it. An unreadable or corrupt cache file is treated as missing.
 */
export async function trainOrLoadCached(
  examples: LabelledText[],
  options: Partial<TrainOptions>,
  cacheDir: string,
): Promise<CachedClassifier> {
  const cacheFile = join(cacheDir, `intent-model-${modelCacheKey(examples, options)}.json`);
  const cached = await readCachedClassifier(cacheFile);
  if (cached) return { classifier: cached, fromCache: true, cacheFile };

  const classifier = trainIntentClassifier(examples, options);
  await writeCacheFile(cacheFile, JSON.stringify(classifier.toJSON()));
  return { classifier, fromCache: false, cacheFile };
}

async function readCachedClassifier(cacheFile: string): Promise<IntentClassifier | undefined> {
  let text: string;
  try {
    text = await readFile(cacheFile, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return loadIntentClassifier(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file so a crash mid-write never leaves a half file behind. */
async function writeCacheFile(cacheFile: string, content: string): Promise<void> {
  try {
    await mkdir(join(cacheFile, '..'), { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, cacheFile);
  } catch {
    // The cache only saves time; the freshly trained model is still returned.
  }
}
