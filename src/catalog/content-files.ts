import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';

/** One YAML file of the catalog, relative to the catalog root (`dialogs/laptop.yaml`). */
export interface ContentFile {
  path: string;
  /** The file name without extension, which must equal the id inside. */
  name: string;
  text: string;
}

export const contentFolders = { intents: 'intents', dialogs: 'dialogs', lookups: 'dialogs/lookups', bundles: 'bundles' } as const;

/** Reads the YAML files of one folder, sorted by name. A missing optional folder is empty. */
export async function readContentFolder(root: string, folder: string, problems: string[], options: { required: boolean }): Promise<ContentFile[]> {
  let names: string[];
  try {
    const entries = await readdir(join(root, folder), { withFileTypes: true });
    names = entries.filter((e) => e.isFile() && /\.ya?ml$/.test(e.name)).map((e) => e.name).sort();
  } catch (error) {
    if (options.required || (error as NodeJS.ErrnoException).code !== 'ENOENT') {
      problems.push(`${folder}/: cannot read the folder (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
    }
    return [];
  }
  return Promise.all(names.map(async (fileName) => ({
    path: `${folder}/${fileName}`,
    name: fileName.replace(/\.ya?ml$/, ''),
    text: await readFile(join(root, folder, fileName), 'utf8'),
  })));
}

/**
 * Parses and validates one file against its schema; on failure adds
 * `<file>: <field path>: <message>` problems (YAML syntax errors with line and column).
 */
export function parseContentFile<S extends z.ZodType>(file: ContentFile, schema: S, problems: string[]): z.infer<S> | undefined {
  const doc = parseDocument(file.text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = e.linePos?.[0];
      const message = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
      problems.push(`${file.path}: ${pos ? `line ${pos.line}, column ${pos.col}` : '(syntax)'}: ${message}`);
    }
    return undefined;
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${file.path}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    return undefined;
  }
  const data = parsed.data as z.infer<S> & { id: string };
  if (data.id !== file.name) {
    problems.push(`${file.path}: id: "${data.id}" does not match the file name (expected "${file.name}")`);
  }
  return data;
}
