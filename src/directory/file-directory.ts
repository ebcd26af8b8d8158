import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { personSchema, type DirectoryProvider, type Person } from './person.js';
import { DirectoryFileError } from './directory-file-error.js';
import { directoryProblems } from './directory-problems.js';

// Strict, so a misspelt key (`manager:` for `managerEmail:`) is reported, not dropped.
const directoryFileSchema = z.strictObject({
  people: z.array(personSchema.strict()).min(1),
});

/**
 * The seeded directory: people from one YAML file, validated at boot. Lookups are
 * case-insensitive on email because people type emails any way they like.
 */
export class FileDirectory implements DirectoryProvider {
  private readonly byEmail: Map<string, Person>;

  constructor(private readonly people: readonly Person[]) {
    this.byEmail = new Map(people.map((p) => [p.id, p]));
  }

  async findByEmail(email: string): Promise<Person | undefined> {
    return this.byEmail.get(email.trim().toLowerCase());
  }

  async list(): Promise<Person[]> {
    return [...this.people];
  }

  async directReports(email: string): Promise<Person[]> {
    const manager = email.trim().toLowerCase();
    return this.people.filter((p) => p.managerEmail === manager);
  }

  async membersOf(group: string): Promise<Person[]> {
    return this.people.filter((p) => p.groups.includes(group));
  }
}

/** Reads and validates a directory file; throws DirectoryFileError listing every problem. */
export async function loadFileDirectory(path: string): Promise<FileDirectory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new DirectoryFileError(path, [`cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`]);
  }
  return new FileDirectory(parseDirectory(path, text));
}

/** Parses directory YAML text; `path` only names the file in problems. */
export function parseDirectory(path: string, text: string): Person[] {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new DirectoryFileError(path, doc.errors.map((e) => yamlProblem(e.message, e.linePos?.[0])));
  }
  const parsed = directoryFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new DirectoryFileError(path, parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`));
  }
  const people = parsed.data.people.map((p) => ({ ...p, id: p.email }));
  const problems = directoryProblems(people);
  if (problems.length > 0) throw new DirectoryFileError(path, problems);
  return people;
}

function yamlProblem(message: string, pos: { line: number; col: number } | undefined): string {
  const first = message.split('\n')[0] ?? message;
  return pos ? `line ${pos.line}, column ${pos.col}: ${first.replace(/ at line \d+, column \d+:?$/, '')}` : first;
}
