import { describe, expect, it } from 'vitest';
import { validateBudgetDrafts } from '@/domain/budget';

describe('budget line drafts', () => {
  it('turn 万元 text into exact fen; empty amounts are 0', () => {
    const { values, errors } = validateBudgetDrafts([{ name: ' 基本支出 ', content: '', fiscalWan: '445.96', carryoverWan: '', otherWan: '' }]);
    expect(errors).toEqual([]);
    expect(values).toEqual([{ name: '基本支出', content: '', fiscalFen: 445_960_000, carryoverFen: 0, otherFen: 0 }]);
  });
  it('name every bad row and field, so nothing is saved half-right', () => {
    const { errors } = validateBudgetDrafts([
      { name: 'a', content: '', fiscalWan: '1', carryoverWan: '', otherWan: '0' },
      { name: '', content: '', fiscalWan: '-3', carryoverWan: '', otherWan: '1,2' },
    ]);
    expect(errors).toEqual([
      { row: 1, field: 'name', code: 'required' },
      { row: 1, field: 'fiscalWan', code: 'badAmount' },
      { row: 1, field: 'otherWan', code: 'badAmount' },
    ]);
  });
});
