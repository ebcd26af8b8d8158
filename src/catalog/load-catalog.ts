import { createHash } from 'node:crypto';
import type { ZodType } from 'zod';
import type { Catalog } from './catalog.js';
import { CatalogError } from './catalog-error.js';
import { CatalogModel } from './catalog-model.js';
import { contentFolders, parseContentFile, readContentFolder, type ContentFile } from './content-files.js';
import { crossReferenceProblems, type Located } from './cross-references.js';
import { bundleSchema, intentSchema, lookupSchema, requestTypeSchema, type Bundle, type Intent, type Lookup, type RequestType } from './schema.js';

/**
 * Loads intents/*.yaml, dialogs/*.yaml, dialogs/lookups/*.yaml and bundles/*.yaml under `rootDir`,
 * validates each file and then the references between them, and throws a CatalogError
 * listing every problem. The version is a hash of the files, pinned on each request.
 */
export async function loadCatalog(rootDir: string): Promise<Catalog> {
  const problems: string[] = [];
  const [intentFiles, dialogFiles, lookupFiles, bundleFiles] = await Promise.all([
    readContentFolder(rootDir, contentFolders.intents, problems, { required: true }),
    readContentFolder(rootDir, contentFolders.dialogs, problems, { required: true }),
    readContentFolder(rootDir, contentFolders.lookups, problems, { required: false }),
    readContentFolder(rootDir, contentFolders.bundles, problems, { required: false }),
  ]);

  const intents = parseAll(intentFiles, intentSchema, problems);
  const requestTypes = parseAll(dialogFiles, requestTypeSchema, problems);
  const lookups = parseAll(lookupFiles, lookupSchema, problems);
  const bundles = parseAll(bundleFiles, bundleSchema, problems);

  problems.push(...crossReferenceProblems({
    intents,
    requestTypes,
    lookups,
    bundles,
    // A file that failed its own checks still answers to its name, so references to it
    // do not add a second, misleading problem.
    brokenIds: {
      intents: brokenNames(intentFiles, intents),
      requestTypes: brokenNames(dialogFiles, requestTypes),
      lookups: brokenNames(lookupFiles, lookups),
    },
  }));
  if (problems.length > 0) throw new CatalogError(groupByFile(problems));

  const version = catalogVersion([...intentFiles, ...dialogFiles, ...lookupFiles, ...bundleFiles]);
  return new CatalogModel(
    version,
    intents.map((x) => x.value as Intent),
    requestTypes.map((x) => x.value as RequestType),
    lookups.map((x) => x.value as Lookup),
    bundles.map((x) => x.value as Bundle),
  );
}

function parseAll<T extends { id: string }>(files: ContentFile[], schema: ZodType<T>, problems: string[]): Array<Located<T>> {
  const out: Array<Located<T>> = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const value = parseContentFile(file, schema, problems) as T | undefined;
    if (value === undefined) continue;
    const other = seen.get(value.id);
    if (other !== undefined) {
      problems.push(`${file.path}: id: "${value.id}" is also the id in ${other}`);
      continue;
    }
    seen.set(value.id, file.path);
    out.push({ file: file.path, value });
  }
  return out;
}

function brokenNames(files: ContentFile[], parsed: Array<Located<{ id: string }>>): Set<string> {
  const good = new Set(parsed.map((p) => p.file));
  return new Set(files.filter((f) => !good.has(f.path)).map((f) => f.name));
}

// Stable sort: each file's problems together, in the order they were found.
function groupByFile(problems: string[]): string[] {
  const fileOf = (p: string) => p.slice(0, p.indexOf(':'));
  return [...problems].sort((a, b) => fileOf(a).localeCompare(fileOf(b)));
}

function catalogVersion(files: ContentFile[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(f.path).update('\0').update(f.text).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}
