import type { IntentClassifier, LabelledText, RankedIntent } from './intent-classifier.js';

export type TrainClassifier = (examples: LabelledText[]) => Promise<IntentClassifier>;

export interface RetrainLogger {
  error(detail: object, message: string): void;
  info(detail: object, message: string): void;
}

/**
 * A classifier whose model can be replaced while it answers: `current` is swapped in one
 * assignment once a new model is trained, and every answer until then uses the old one.
 * Only one training runs at a time; asking again meanwhile runs one more training
 * afterwards with the latest examples. A failed training keeps the old model.
 */
export class RetrainableClassifier implements IntentClassifier {
  current: IntentClassifier;
  private running: Promise<void> | undefined;
  private pending: (() => Promise<LabelledText[]>) | undefined;

  constructor(initial: IntentClassifier, private readonly deps: { train: TrainClassifier; logger: RetrainLogger }) {
    this.current = initial;
  }

  get intents(): readonly string[] {
    return this.current.intents;
  }

  classify(text: string): RankedIntent[] {
    return this.current.classify(text);
  }

  toJSON(): unknown {
    return this.current.toJSON();
  }

  /**
   * Retrains in the background on the examples `load` returns when training starts.
   * The promise settles when the model with them (or a later one) is in place, or when
   * training failed and the old model stayed; it never rejects.
   */
  retrain(load: () => Promise<LabelledText[]>): Promise<void> {
    this.pending = load;
    this.running ??= this.drain();
    return this.running;
  }

  /** Settles when no training is running or queued. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending) {
        const load = this.pending;
        this.pending = undefined;
        try {
          const started = Date.now();
          const examples = await load();
          const trained = await this.deps.train(examples);
          this.current = trained;
          this.deps.logger.info({ examples: examples.length, ms: Date.now() - started }, 'intent classifier retrained and swapped in');
        } catch (error) {
          this.deps.logger.error({ err: error }, 'retraining the intent classifier failed; the previous model stays in use');
        }
      }
    } finally {
      this.running = undefined;
    }
  }
}
