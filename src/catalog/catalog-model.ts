import { bundleFor, hardwareRequestType } from './bundle-references.js';
import type { Catalog, ConditionContext } from './catalog.js';
import { CatalogSearch } from './catalog-search.js';
import { evaluateCondition } from './evaluate-condition.js';
import { interpolate, type BundleView } from './interpolate.js';
import type { Bundle, Condition, Field, Intent, Lookup, Option, RequestType } from './schema.js';

/** The loaded catalog. Built by loadCatalog once the files have passed every check. */
export class CatalogModel implements Catalog {
  private readonly intentsById: Map<string, Intent>;
  private readonly requestTypesById: Map<string, RequestType>;
  private readonly lookupsById: Map<string, Lookup>;
  /** Which request type a field object belongs to, so option conditions can read sibling answers. */
  private readonly ownerOfField = new Map<Field, RequestType>();
  private readonly searchIndex: CatalogSearch;

  constructor(
    readonly version: string,
    readonly intents: readonly Intent[],
    readonly requestTypes: readonly RequestType[],
    readonly lookups: readonly Lookup[],
    readonly bundles: readonly Bundle[] = [],
  ) {
    this.intentsById = new Map(intents.map((i) => [i.id, i]));
    this.requestTypesById = new Map(requestTypes.map((r) => [r.id, r]));
    this.lookupsById = new Map(lookups.map((l) => [l.id, l]));
    for (const rt of requestTypes) for (const f of rt.fields) this.ownerOfField.set(f, rt);
    // Types made from HR events only are never offered to people.
    this.searchIndex = new CatalogSearch(requestTypes.filter((r) => r.intake !== 'hr-only'), intents, lookups);
  }

  intent(id: string): Intent | undefined {
    return this.intentsById.get(id);
  }

  requestType(id: string): RequestType | undefined {
    return this.requestTypesById.get(id);
  }

  lookup(id: string): Lookup | undefined {
    return this.lookupsById.get(id);
  }

  intentForRequestType(requestTypeId: string): Intent | undefined {
    return this.intents.find((i) => i.kind === 'request' && i.requestType === requestTypeId);
  }

  optionsFor(field: Field, ctx: ConditionContext): Option[] {
    const requestType = this.ownerOfField.get(field);
    return this.allOptions(field).filter((o) => o.when === undefined || this.evaluate(o.when, ctx, requestType));
  }

  optionFor(field: Field, value: string): Option | undefined {
    return this.allOptions(field).find((o) => o.value === value);
  }

  visibleFields(requestType: RequestType, ctx: ConditionContext): Field[] {
    return requestType.fields.filter((f) => f.showWhen === undefined || this.evaluate(f.showWhen, ctx, requestType));
  }

  /** Without the request type, `attribute` conditions cannot find their field and do not hold. */
  evaluate(condition: Condition, ctx: ConditionContext, requestType?: RequestType): boolean {
    return evaluateCondition(condition, {
      requester: ctx.requester,
      fields: ctx.fields,
      attributeOf: (fieldId, value, attribute) => {
        const field = requestType?.fields.find((f) => f.id === fieldId);
        return field ? this.optionFor(field, value)?.attributes[attribute] : undefined;
      },
      cost: () => ctx.cost ?? (requestType ? this.costOf(requestType, ctx.fields) : undefined),
    });
  }

  /** The chosen option's cost (summed for multi-choice) when it has one, else the fixed cost. */
  costOf(requestType: RequestType, fields: Record<string, unknown>): number | undefined {
    const spec = requestType.cost;
    if (!spec) return undefined;
    const field = spec.fromField ? requestType.fields.find((f) => f.id === spec.fromField) : undefined;
    const value = field ? fields[field.id] : undefined;
    if (field && value !== undefined && value !== null && value !== '') {
      const costs = (Array.isArray(value) ? value : [value]).map((v) => this.optionFor(field, String(v))?.cost);
      if (costs.some((c) => c !== undefined)) return costs.reduce<number>((sum, c) => sum + (c ?? 0), 0);
    }
    return spec.fixed;
  }

  bundleFor(department: string, role: string): Bundle | undefined {
    return bundleFor(this.bundles, department, role);
  }

  search(text: string, limit?: number): RequestType[] {
    return this.searchIndex.search(text, limit);
  }

  interpolate(template: string, ctx: ConditionContext & { requestType?: RequestType }): string {
    return interpolate(template, {
      requester: ctx.requester,
      fields: ctx.fields,
      requestType: ctx.requestType,
      ...(ctx.requestType?.bundle ? { bundle: this.bundleView(ctx.requestType.bundle, ctx.fields) } : {}),
      labelOf: (fieldId, value) => {
        const field = ctx.requestType?.fields.find((f) => f.id === fieldId);
        return field ? this.optionFor(field, value)?.label : undefined;
      },
    });
  }

  /** The bundle of the answers in the request type's department and role fields, as templates read it. */
  private bundleView(fields: { department: string; role: string }, answers: Record<string, unknown>): BundleView {
    const bundle = this.bundleFor(String(answers[fields.department] ?? ''), String(answers[fields.role] ?? ''));
    if (!bundle) return { title: '', groups: '', accounts: '', hardware: '', hardwareLabel: '' };
    const systems = this.lookup('systems');
    const model = this.requestType(hardwareRequestType)?.fields.find((f) => f.id === 'model');
    return {
      title: bundle.title,
      groups: bundle.groups.join(', '),
      accounts: bundle.accounts.map((a) => systems?.items.find((i) => i.value === a)?.label ?? a).join(', '),
      hardware: bundle.hardware,
      hardwareLabel: (model ? this.optionFor(model, bundle.hardware)?.label : undefined) ?? bundle.hardware,
    };
  }

  private allOptions(field: Field): Option[] {
    if (field.options) return field.options;
    if (field.lookup) return this.lookupsById.get(field.lookup)?.items ?? [];
    return [];
  }
}
