import type { Integration, IntegrationOperation } from '../fulfilment/integration.js';
import { maskedValue } from '../messages/masked-value.js';
import type { FieldCipher } from '../request-records/sealed-values.js';
import { IntegrationError } from '../shared/errors.js';

/**
 * A step's input is stored as the plan wrote it, sensitive answers sealed. The connector is
 * the one place that needs them: each operation gets its input opened, and whatever comes
 * back (a result, an error's message) has the opened answers masked again before it is stored.
 */
export function openingSealedInput(integration: Integration, cipher: FieldCipher): Integration {
  const operations = Object.fromEntries(Object.entries(integration.operations).map(([name, operation]) => [name, opening(operation, cipher)]));
  return { ...integration, operations };
}

function opening(operation: IntegrationOperation, cipher: FieldCipher): IntegrationOperation {
  return async (input, ctx) => {
    const opened = Object.fromEntries(Object.entries(input).map(([key, value]) => [key, typeof value === 'string' ? cipher.openText(value) : value]));
    const secrets = Object.entries(opened)
      .filter(([key, value]) => value !== input[key])
      .map(([, value]) => value)
      .filter((v) => v.length > 0);
    const hide = (text: string) => secrets.reduce((t, secret) => t.split(secret).join(maskedValue), text);
    try {
      const result = await operation(opened, ctx);
      return secrets.length ? (JSON.parse(hide(JSON.stringify(result))) as Record<string, unknown>) : result;
    } catch (error) {
      if (!secrets.length || !(error instanceof IntegrationError)) throw error;
      const message = hide(error.message);
      if (message === error.message) throw error;
      // The cause may repeat the answer too; it stays behind.
      const detail = message.slice(`${error.integration} could not ${error.operation}: `.length);
      throw new IntegrationError(error.integration, error.operation, detail, {
        retryable: error.retryable,
        ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      });
    }
  };
}
