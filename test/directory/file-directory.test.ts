import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryFileError } from '../../src/directory/directory-file-error.js';
import { loadFileDirectory, type FileDirectory } from '../../src/directory/file-directory.js';

const SAMPLE = 'integrations/sample-directory/people.yaml';

describe('the sample directory', () => {
  let directory: FileDirectory;
  beforeAll(async () => {
    directory = await loadFileDirectory(SAMPLE);
  });

  it('When loaded, then it holds about thirty people in the four main departments plus IT', async () => {
    const people = await directory.list();
    expect(people.length).toBeGreaterThanOrEqual(28);
    const departments = new Set(people.map((p) => p.department));
    for (const d of ['Engineering', 'Finance', 'Sales', 'People', 'IT']) expect(departments).toContain(d);
  });

  it('When an email is typed in any case, then the same person is found', async () => {
    const person = await directory.findByEmail('  Dana.Lee@EXAMPLE.com ');
    expect(person?.name).toBe('Dana Lee');
    expect(person?.id).toBe('dana.lee@example.com');
    expect(await directory.findByEmail('nobody@example.com')).toBeUndefined();
  });

  it('When asked for direct reports, then the people managed by that person come back', async () => {
    const reports = await directory.directReports('Dana.Lee@example.com');
    expect(reports.map((p) => p.email).sort()).toEqual(['alex.kim@example.com', 'jordan.rivera@example.com', 'sam.patel@example.com']);
  });

  it('When asked for a group, then its members come back', async () => {
    const desk = await directory.membersOf('service-desk');
    expect(desk.length).toBeGreaterThanOrEqual(2);
    expect(desk.every((p) => p.role === 'agent')).toBe(true);
    expect((await directory.membersOf('owners:finance-share')).map((p) => p.email)).toEqual(['nina.petrova@example.com']);
    expect(await directory.membersOf('no-such-group')).toEqual([]);
  });

  it('When someone has reports, then they are in the managers group, and only then', async () => {
    const people = await directory.list();
    for (const p of people) {
      const hasReports = (await directory.directReports(p.email)).length > 0;
      expect({ email: p.email, manager: p.groups.includes('managers') }).toEqual({ email: p.email, manager: hasReports });
    }
  });

  it('When following managers from anyone, then the chain ends at the one CEO', async () => {
    const people = await directory.list();
    const tops = people.filter((p) => p.managerEmail === undefined);
    expect(tops.map((p) => p.title)).toEqual(['Chief Executive Officer']);
  });

  it('When fulfilment teams are needed, then each has at least one member', async () => {
    for (const team of ['team:it-hardware', 'team:it-software', 'team:identity', 'team:procurement', 'team:messaging', 'team:telecom', 'finance-approvers', 'security']) {
      expect((await directory.membersOf(team)).length, team).toBeGreaterThan(0);
    }
  });
});

describe('a broken directory file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'frontdoor-directory-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function problemsOf(yamlText: string): Promise<string[]> {
    const file = join(dir, `people-${Math.random().toString(36).slice(2)}.yaml`);
    await writeFile(file, yamlText);
    try {
      await loadFileDirectory(file);
    } catch (error) {
      expect(error).toBeInstanceOf(DirectoryFileError);
      expect((error as Error).message).toContain(file);
      return (error as DirectoryFileError).problems;
    }
    throw new Error('the file loaded without error');
  }

  const person = (email: string, extra = '') => `  - email: ${email}\n    name: Someone\n    department: Sales\n    title: Rep\n    role: sales\n    costCentre: CC-1\n    location: London\n${extra}`;

  it('When a person has a bad email and a missing field, then both are named by index and field', async () => {
    const problems = await problemsOf(`people:\n${person('ok@example.com')}  - email: not-an-email\n    name: X\n    department: Sales\n    title: Rep\n    role: sales\n    location: London\n`);
    expect(problems.some((p) => p.startsWith('people.1.email:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('people.1.costCentre:'))).toBe(true);
  });

  it('When a key is misspelt, then it is reported rather than ignored', async () => {
    const problems = await problemsOf(`people:\n${person('a@example.com', '    manager: b@example.com\n')}`);
    expect(problems.join('\n')).toMatch(/people\.0: .*manager/);
  });

  it('When a manager email does not resolve, then the person and the email are named', async () => {
    const problems = await problemsOf(`people:\n${person('a@example.com', '    managerEmail: ghost@example.com\n')}`);
    expect(problems).toEqual(['people.0.managerEmail: no person with email ghost@example.com']);
  });

  it('When managers form a loop, then the loop is reported once', async () => {
    const problems = await problemsOf(`people:\n${person('a@example.com', '    managerEmail: b@example.com\n')}${person('b@example.com', '    managerEmail: a@example.com\n')}${person('c@example.com', '    managerEmail: a@example.com\n')}`);
    expect(problems).toEqual(['people.0.managerEmail: management chain loops: a@example.com -> b@example.com -> a@example.com']);
  });

  it('When an email appears twice, then the duplicate is named', async () => {
    const problems = await problemsOf(`people:\n${person('a@example.com')}${person('A@example.com')}`);
    expect(problems).toEqual(['people.1.email: a@example.com is already used by people.0']);
  });

  it('When the YAML does not parse, then the line is named', async () => {
    const problems = await problemsOf('people:\n  - email: a@example.com\n    name: [unclosed\n');
    expect(problems[0]).toMatch(/^line \d+, column \d+: /);
  });

  it('When the file is missing, then the error says it cannot be read', async () => {
    await expect(loadFileDirectory(join(dir, 'missing.yaml'))).rejects.toThrow(/missing\.yaml[\s\S]*cannot read the file \(ENOENT\)/);
  });
});
