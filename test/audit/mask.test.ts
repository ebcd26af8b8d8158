import { describe, expect, it } from 'vitest';
import { maskedValue, maskSensitive } from '../../src/audit/mask.js';
import { loggerOptions } from '../../src/shared/logger.js';

const onboarding = {
  fields: [
    { id: 'joiner-name', sensitive: false },
    { id: 'personal-email', sensitive: true },
    { id: 'badge', sensitive: true },
  ],
} as never;

describe('maskSensitive, the one masking function', () => {
  it('When answers include sensitive fields, then only those are masked; empty ones stay empty', () => {
    expect(maskSensitive(onboarding, { 'joiner-name': 'Mia Wong', 'personal-email': 'mia@home.example', badge: '' })).toEqual({
      'joiner-name': 'Mia Wong',
      'personal-email': maskedValue,
      badge: '',
    });
  });

  it('When other values repeat a sensitive answer, then the repeated text is masked too', () => {
    const answers = { 'joiner-name': 'Mia Wong', 'personal-email': 'mia@home.example', badge: 4711 };
    expect(maskSensitive(onboarding, answers, { email: 'mia@home.example', note: 'invite sent to mia@home.example for badge 4711', count: 2 })).toEqual({
      email: maskedValue,
      note: `invite sent to ${maskedValue} for badge ${maskedValue}`,
      count: 2,
    });
    expect(maskSensitive(onboarding, { 'joiner-name': 'Mia Wong', note: 'nothing secret' })).toEqual({ 'joiner-name': 'Mia Wong', note: 'nothing secret' });
  });

  it('When the request type is unknown or has no sensitive field, then nothing is masked', () => {
    expect(maskSensitive(undefined, { 'personal-email': 'mia@home.example' })).toEqual({ 'personal-email': 'mia@home.example' });
    expect(maskSensitive({ fields: [] } as never, { a: 'b' })).toEqual({ a: 'b' });
  });

  it('When a log line carries a secret, then it reads as the same masked value', () => {
    expect(loggerOptions('info').redact).toMatchObject({ censor: maskedValue });
  });
});
