import type { Catalog } from '../../../catalog/catalog.js';
import { conditionLeaves } from '../../../catalog/condition-references.js';
import type { Condition, RequestType } from '../../../catalog/schema.js';

/**
 * The fields whose answer can change the form: named by another field's showWhen or by an
 * option's `when`, or carrying the cost when a condition reads the cost. Their inputs
 * dispatch an action so the modal is rebuilt with the fields and options that now apply.
 */
export function dependencySources(catalog: Catalog, requestType: RequestType): Set<string> {
  const conditions: Condition[] = [];
  for (const field of requestType.fields) {
    if (field.showWhen) conditions.push(field.showWhen);
    const options = field.options ?? (field.lookup ? catalog.lookup(field.lookup)?.items ?? [] : []);
    for (const option of options) if (option.when) conditions.push(option.when);
  }
  const sources = new Set<string>();
  for (const leaf of conditions.flatMap((c) => conditionLeaves(c, ''))) {
    if (leaf.condition.field) sources.add(leaf.condition.field);
    if (leaf.condition.cost && requestType.cost?.fromField) sources.add(requestType.cost.fromField);
  }
  return sources;
}
