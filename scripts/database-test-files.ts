/**
 * Prints the test files whose outcome depends on the database the suite is given: those
 * that reach test/support/test-database.ts through their imports, or read TEST_DATABASE_URL
 * themselves. npm test's Postgres pass runs only these; the rest (the classifier, the
 * catalog, card rendering, connectors against their fakes) open no database or a SQLite file
 * of their own, so a second pass would run the same thing again.
 *
 * Usage: tsx scripts/database-test-files.ts   (one path per line, relative to the project)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const databaseHelper = resolve(root, 'test/support/test-database.ts');
const importPattern = /(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** The project's own TypeScript files a file imports (relative specifiers, `.js` written for `.ts`). */
function importsOf(file: string): string[] {
  const found: string[] = [];
  for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
    const spec = match[1] ?? match[2]!;
    const path = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
    const candidate = existsSync(path) ? path : `${path}.ts`;
    if (candidate.endsWith('.ts') && existsSync(candidate)) found.push(candidate);
  }
  return found;
}

function usesDatabase(file: string, seen = new Set<string>()): boolean {
  if (file === databaseHelper) return true;
  if (seen.has(file)) return false;
  seen.add(file);
  if (readFileSync(file, 'utf8').includes('TEST_DATABASE_URL')) return true;
  return importsOf(file).some((imported) => usesDatabase(imported, seen));
}

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return path.endsWith('.test.ts') ? [path] : [];
  });
}

const files = testFiles(join(root, 'test')).filter((file) => usesDatabase(file)).sort();
process.stdout.write(files.map((file) => relative(root, file)).join('\n') + '\n');
