import { z } from 'zod';
import type { LinearIntentParameters } from './linear-intent-model.js';
import { float32FromBase64, float32ToBase64, uint32FromBase64, uint32ToBase64 } from './typed-array-base64.js';

const MODEL_FORMAT = 'frontdoor-intent-model';
const MODEL_FORMAT_VERSION = 2;

const modelJsonSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.literal(MODEL_FORMAT_VERSION),
  intents: z.array(z.string().min(1)).min(1),
  featureOptions: z.object({
    charNgramMin: z.number().int().min(1),
    charNgramMax: z.number().int().min(1),
    wordWeight: z.number().nonnegative(),
    charWeight: z.number().nonnegative(),
    embeddingDimensions: z.number().int().nonnegative(),
    embeddingWeight: z.number().nonnegative(),
  }),
  embedding: z.object({
    stems: z.array(z.string()),
    dimensions: z.number().int().nonnegative(),
    vectors: z.base64(),
  }),
  bias: z.number(),
  confidenceScale: z.number().positive(),
  featureHashes: z.base64(),
  weights: z.base64(),
});

export type IntentModelJson = z.infer<typeof modelJsonSchema>;

export function intentModelToJson(parameters: LinearIntentParameters, confidenceScale: number): IntentModelJson {
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    intents: parameters.intents,
    featureOptions: parameters.featureOptions,
    bias: parameters.bias,
    confidenceScale,
    featureHashes: uint32ToBase64(parameters.featureHashes),
    weights: float32ToBase64(parameters.weights),
    embedding: {
      stems: parameters.embedding.stems,
      dimensions: parameters.embedding.dimensions,
      vectors: float32ToBase64(parameters.embedding.vectors),
    },
  };
}

export function intentModelFromJson(json: unknown): {
  parameters: LinearIntentParameters;
  confidenceScale: number;
} {
  const parsed = modelJsonSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`Not a valid intent model: ${z.prettifyError(parsed.error)}`);
  }
  const model = parsed.data;
  const featureHashes = uint32FromBase64(model.featureHashes);
  const weights = float32FromBase64(model.weights);
  const expectedWeights = (featureHashes.length + 1) * model.intents.length;
  if (weights.length !== expectedWeights) {
    throw new Error(
      `Not a valid intent model: ${weights.length} weights for ${featureHashes.length} features and ` +
        `${model.intents.length} intents (expected ${expectedWeights})`,
    );
  }
  const vectors = float32FromBase64(model.embedding.vectors);
  if (vectors.length !== model.embedding.stems.length * model.embedding.dimensions) {
    throw new Error(
      `Not a valid intent model: ${vectors.length} embedding values for ${model.embedding.stems.length} stems of ` +
        `${model.embedding.dimensions} dimensions`,
    );
  }
  return {
    parameters: {
      intents: model.intents,
      featureOptions: model.featureOptions,
      featureHashes,
      weights,
      bias: model.bias,
      embedding: { stems: model.embedding.stems, dimensions: model.embedding.dimensions, vectors },
    },
    confidenceScale: model.confidenceScale,
  };
}
