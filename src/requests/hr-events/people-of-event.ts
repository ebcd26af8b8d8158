import type { DirectoryProvider, Person } from '../../directory/person.js';
import { ValidationError } from '../../shared/errors.js';

/** A person the event names who must be in the directory (a manager, a mover), or a clear refusal. */
export async function directoryPerson(directory: DirectoryProvider, email: string, what: string): Promise<Person> {
  const person = await directory.findByEmail(email);
  if (!person) throw new ValidationError(`The ${what} ${email} is not in the directory`, { [what]: `${email} is not in the directory` });
  return person;
}
