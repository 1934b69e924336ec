import { describe, expect, it } from 'vitest';
import zh from '@/i18n/import/zh-CN';
import en from '@/i18n/import/en';
import { ROLES, type RowNoteCode, type SheetStatus, type SkipReason } from '@/domain/import/types';
import type { ChoiceProblem } from '@/domain/import/bundle';
import type { ImportRefusal } from '@/domain/import/errors';
import type { FileProblemCode } from '@/db/transfer/xlsx-import/types';

/** Every leaf key as a dotted path. */
const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

/** Each code the import can produce, listed so a new one without words fails here. */
const FILE: FileProblemCode[] = ['tooLarge', 'notXlsx', 'legacyXls', 'broken', 'zipBomb', 'tooComplex', 'tooManyRows', 'empty', 'timeout', 'crashed'];
const STATUS: SheetStatus[] = ['ok', 'refused', 'empty', 'noHeader', 'missingColumns', 'noIndicators'];
const SKIP: SkipReason[] = ['note', 'total', 'repeatedHeader', 'noName', 'missingLevel1', 'missingLevel2', 'outsideColumns'];
const NOTES: RowNoteCode[] = ['emptyTarget', 'badWeight', 'composed', 'natureConflict'];
const CHOICE: ChoiceProblem[] = ['nameRequired', 'badYear', 'exists', 'duplicate', 'pickPlan', 'notEmpty', 'pickedTwice', 'notImportable'];
const REFUSED: ImportRefusal[] = ['noUnit', 'nothing', 'notImportable', 'exists', 'duplicate', 'notFound', 'notEmpty', 'pickedTwice', 'invalid'];

describe('import messages', () => {
  it('zh-CN and en have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });

  it('every code the import produces has words', () => {
    const all = new Set(keys(zh));
    const needed = [
      ...FILE.map((c) => `problem.${c}`),
      ...STATUS.map((c) => `status.${c}`),
      ...SKIP.map((c) => `skipped.reason.${c}`),
      ...NOTES.map((c) => `note.${c}`),
      ...CHOICE.map((c) => `choiceProblem.${c}`),
      ...REFUSED.map((c) => `refused.${c}`),
      ...ROLES.map((r) => `role.${r}`),
    ];
    expect(needed.filter((k) => !all.has(k))).toEqual([]);
  });
});
