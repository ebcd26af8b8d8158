import { loadConfig, ConfigError } from '../config/config.js';
import { loadFileDirectory } from '../directory/file-directory.js';
import { DatabaseDirectory } from '../directory/database-directory.js';
import { FrontdoorError, ValidationError } from '../shared/errors.js';
import { openStore } from '../store/open-store.js';
import { tokenCommand, tokenUsage } from './token-command.js';
import { UsageError } from './usage-error.js';

const usage = `Frontdoor administration.

${tokenUsage}`;

/** The admin CLI: builds only what a command needs (config, directory, store), not the server. */
async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(usage);
    return command ? 0 : 2;
  }
  if (command !== 'token') throw new UsageError(`Unknown command "${command}"`, usage);
  const config = loadConfig();
  const fileDirectory = config.DIRECTORY_SOURCE === 'file' ? await loadFileDirectory(config.DIRECTORY_FILE) : undefined;
  const store = openStore(config.DATABASE_URL);
  // A synced directory (SCIM, LDAP) is the server's last good sync, in the database.
  const directory = fileDirectory ?? new DatabaseDirectory(store);
  try {
    for (const line of await tokenCommand(args, { store, directory })) console.log(line);
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${error.usage}`);
    process.exitCode = 2;
  } else if (error instanceof ValidationError) {
    console.error(`${error.userMessage}:`);
    for (const [field, message] of Object.entries(error.fieldErrors)) console.error(`  --${field}: ${message}`);
    process.exitCode = 2;
  } else if (error instanceof FrontdoorError && error.httpStatus < 500) {
    console.error(error.userMessage);
    process.exitCode = 2;
  } else if (error instanceof ConfigError) {
    console.error(error.message);
    process.exitCode = 2;
  } else {
    console.error('The command failed:', error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
});
