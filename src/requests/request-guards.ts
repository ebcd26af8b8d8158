import type { Catalog } from '../catalog/catalog.js';
import type { RequestType } from '../catalog/schema.js';
import type { Person } from '../directory/person.js';
import { NotEligibleError, ThrottledError } from '../shared/errors.js';
import type { Repositories } from '../store/repositories.js';
import { formatWhen } from '../request-records/format-time.js';

/** Throws NotEligibleError with the catalog's message when the requester may not ask for this. */
export function checkEligibility(catalog: Catalog, requestType: RequestType, requester: Person, fields: Record<string, unknown>): void {
  const rule = requestType.eligibility;
  if (!rule) return;
  const cost = catalog.costOf(requestType, fields);
  if (!catalog.evaluate(rule.when, { requester, fields, cost }, requestType)) throw new NotEligibleError(rule.message);
}

/** Throws ThrottledError when the person has used up this type's allowance in its window. */
export async function checkThrottle(repos: Repositories, requestType: RequestType, requester: Person, now: number, timeZone: string): Promise<void> {
  const rule = requestType.throttle;
  if (!rule) return;
  const windowMs = rule.windowHours * 3_600_000;
  const recent = await repos.requests.createdSince(requester.id, requestType.id, now - windowMs);
  if (recent.length < rule.max) return;
  // A slot frees when the oldest request that keeps the count at the limit leaves the window.
  const freedAt = recent[recent.length - rule.max]! + windowMs;
  const what = pluralName(requestType.id.replace(/-/g, ' '), rule.max);
  throw new ThrottledError(`You have reached the limit of ${rule.max} ${what} in ${windowText(rule.windowHours)}; try again after ${formatWhen(freedAt, now, timeZone)} or talk to the service desk`);
}

function windowText(hours: number): string {
  if (hours % 24 === 0 && hours > 24) return `${hours / 24} days`;
  return `${hours} hours`;
}

// "password-reset" -> "password resets": the id names the thing; the title may be a sentence.
function pluralName(name: string, n: number): string {
  if (n === 1) return name;
  return /(s|x|ch|sh)$/i.test(name) ? `${name}es` : `${name}s`;
}
