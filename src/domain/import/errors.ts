/** Why the repository refused an import; nothing was written. `sheet` is the index of the sheet at fault. */
export type ImportRefusal = 'noUnit' | 'nothing' | 'notImportable' | 'exists' | 'duplicate' | 'notFound' | 'notEmpty' | 'pickedTwice' | 'invalid';

export class ImportRefusedError extends Error {
  constructor(readonly code: ImportRefusal, readonly sheet: number | null = null, readonly detail = '') {
    super(`import refused: ${code}${sheet === null ? '' : ` (sheet ${sheet + 1})`}${detail ? `: ${detail}` : ''}`);
    this.name = 'ImportRefusedError';
  }
}
