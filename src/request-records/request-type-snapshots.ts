import { createHash } from 'node:crypto';
import type { Catalog } from '../catalog/catalog.js';
import { CatalogError } from '../catalog/catalog-error.js';
import { requestTypeSchema, type RequestType } from '../catalog/schema.js';
import { ConflictError } from '../shared/errors.js';
import type { Repositories } from '../store/repositories.js';
import type { RequestRow } from '../store/repositories/request-repository.js';

/**
 * A request is approved and fulfilled as its request type was defined when it was made: the
 * definition of each version is kept at submit (catalog_snapshots) and read back from there,
 * so an edited catalog applies to new requests only.
 */

/** sha256 of the definition as loaded (keys sorted), so layout and comments in the file do not count. */
function contentHash(requestType: RequestType): string {
  return createHash('sha256').update(canonicalJson(requestType)).digest('hex');
}

/**
 * Keeps the definition a request is being made under, in the submit's transaction. A stored
 * definition of the same version with other content (a replica started on an edited file
 * meanwhile) refuses the submit rather than pin the request to a definition it was not made under.
 */
export async function keepSnapshot(repos: Repositories, requestType: RequestType, at: number): Promise<void> {
  const hash = contentHash(requestType);
  const kept = await repos.catalogSnapshots.keep({
    requestTypeId: requestType.id,
    version: requestType.version,
    contentHash: hash,
    definition: requestType,
    createdAt: at,
  });
  if (kept.contentHash !== hash) {
    throw new ConflictError(
      `The catalog's ${requestType.title} changed without a new version; the service desk has to fix the catalog before it can be requested`,
    );
  }
}

/**
 * The catalog as the request was made under it: its request type is the kept snapshot of its
 * version; everything else (lookups, other types) is the current catalog. A request made before
 * snapshots were kept reads the current definition.
 */
export async function catalogOfRequest(
  repos: Pick<Repositories, 'catalogSnapshots'>,
  catalog: Catalog,
  request: Pick<RequestRow, 'requestTypeId' | 'requestTypeVersion'>,
): Promise<Catalog> {
  const snapshot = await repos.catalogSnapshots.find(request.requestTypeId, request.requestTypeVersion);
  if (!snapshot) return catalog;
  const parsed = requestTypeSchema.safeParse(snapshot.definition);
  if (!parsed.success) return catalog;
  const pinned = parsed.data;
  // The catalog's own methods and maps stay reachable through the prototype; only the one type differs.
  const view = Object.create(catalog) as Catalog & { requestType(id: string): RequestType | undefined };
  view.requestType = (id: string) => (id === pinned.id ? pinned : catalog.requestType(id));
  return view;
}

/**
 * At boot: a request type whose content differs from the snapshot kept for its version was
 * changed without raising `version`. Requests in flight would be fulfilled one way and new
 * ones another under the same number, so the catalog is refused, naming each type.
 */
export async function checkVersionsKept(repos: Pick<Repositories, 'catalogSnapshots'>, catalog: Catalog): Promise<void> {
  const stored = new Map((await repos.catalogSnapshots.hashes()).map((s) => [`${s.requestTypeId}@${s.version}`, s.contentHash]));
  const problems = catalog.requestTypes.flatMap((type) => {
    const kept = stored.get(`${type.id}@${type.version}`);
    return kept && kept !== contentHash(type)
      ? [
          `request type ${type.id}: version ${type.version} is the version requests were made under, and its content has changed since; raise version (to ${type.version + 1} or above) so requests in flight keep the definition they were made under`,
        ]
      : [];
  });
  if (problems.length) throw new CatalogError(problems);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
