/** A directory file that cannot be used; raised at boot, like an invalid configuration. */
export class DirectoryFileError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`Invalid directory file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DirectoryFileError';
  }
}
