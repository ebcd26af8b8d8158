import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { RequestType } from '../catalog/schema.js';

/**
 * Answers to sensitive fields are kept sealed wherever they are stored (a request's fields, a
 * form in progress, a step's input, a triage item): AES-256-GCM under the configured key, as
 * `fdenc:<key id>:<iv>:<ciphertext and tag>`. The key id (the first bytes of the key's
 * SHA-256) says which key sealed a value, so values sealed before a key rotation still open
 * with the old key. Only the places that need the answer itself open it: validation of a form
 * being submitted and the integration call it is meant for.
 */
const prefix = 'fdenc';
const tokenPattern = /fdenc:[0-9a-f]{8}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+/g;

export interface FieldKey {
  id: string;
  key: Buffer;
}

export function fieldKey(key: Buffer): FieldKey {
  if (key.length !== 32) throw new Error('a field encryption key is 32 bytes');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(`${prefix}:`);
}

/** A sealed value that no key here opens (a lost key): the value is gone, and said so. */
export class UnreadableSealedValue extends Error {
  constructor(keyId: string) {
    super(`a sensitive value was sealed with key ${keyId}, which is not configured`);
    this.name = 'UnreadableSealedValue';
  }
}

export class FieldCipher {
  private readonly byId: Map<string, Buffer>;

  /** `current` seals; it and `previous` open. */
  constructor(
    private readonly current: FieldKey,
    previous: FieldKey[] = [],
  ) {
    this.byId = new Map([current, ...previous].map((k) => [k.id, k.key]));
  }

  get keyId(): string {
    return this.current.id;
  }

  seal(value: unknown): string {
    if (isSealed(value)) return value;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${prefix}:${this.current.id}:${iv.toString('base64url')}:${body.toString('base64url')}`;
  }

  /** The value a token holds; anything that is not a token is returned as it is. */
  open(value: unknown): unknown {
    if (!isSealed(value)) return value;
    const [, keyId, iv, body] = value.split(':') as [string, string, string, string];
    const key = this.byId.get(keyId);
    if (!key) throw new UnreadableSealedValue(keyId);
    const bytes = Buffer.from(body, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8'));
  }

  /** The answers with every sensitive one sealed (empty and skipped answers stay as they are). */
  sealSensitive(requestType: Pick<RequestType, 'fields'> | undefined, answers: Record<string, unknown>): Record<string, unknown> {
    const sensitive = new Set((requestType?.fields ?? []).filter((f) => f.sensitive).map((f) => f.id));
    if (!sensitive.size) return answers;
    return Object.fromEntries(
      Object.entries(answers).map(([id, value]) => [id, sensitive.has(id) && value !== null && value !== undefined && value !== '' ? this.seal(value) : value]),
    );
  }

  /** The answers with every sealed one opened; one no configured key opens is left out (asked again). */
  openAll(answers: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(answers).flatMap(([id, value]) => {
        try {
          return [[id, this.open(value)]];
        } catch (error) {
          if (error instanceof UnreadableSealedValue) return [];
          throw error;
        }
      }),
    );
  }

  /** Text (a step's input, built from a template) with every token in it opened. */
  openText(text: string): string {
    return text.replace(tokenPattern, (token) => {
      const value = this.open(token);
      return typeof value === 'string' ? value : JSON.stringify(value);
    });
  }
}
