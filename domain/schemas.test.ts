// Input the database cannot store, or a date that does not exist, is refused by the shared schemas
// with the field and the reason, before it reaches a workflow or an activity.
import { describe, expect, it } from 'vitest';
import { designationForm } from '../tests/support/fixtures';
import { designationSchema, objectionSchema, statementSchema } from './schemas';

const problems = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('text and dates the database can store', () => {
  it('refuses a NUL byte, another control character and half a surrogate pair, naming the field', () => {
    expect(problems(statementSchema.safeParse({ revision: 1, kind: 'STATEMENT', content: '认定事实有误\u0000请求复核。' }))).toEqual([
      'content: text.invalidCharacters',
    ]);
    expect(problems(objectionSchema.safeParse({ revision: 1, grounds: '处罚决定已被撤销\u001b[31m，请核实。' }))).toEqual([
      'grounds: text.invalidCharacters',
    ]);
    expect(problems(designationSchema.safeParse(designationForm({ subjectName: '某某公司\uD800有限公司' })))).toEqual([
      'subjectName: text.invalidCharacters',
    ]);
  });

  it('keeps line breaks, tabs, Chinese punctuation and characters beyond the BMP (𠀀)', () => {
    expect(statementSchema.safeParse({ revision: 1, kind: 'STATEMENT', content: '第一，事实有误；\n\t第二，𠀀字号有误。' }).success).toBe(
      true,
    );
  });

  it('refuses a basis date that does not exist, and one of year 0000', () => {
    const at = (date: string) => problems(designationSchema.safeParse(designationForm({ basis: { ...designationForm().basis, date } })));
    expect(at('2026-02-30')).toEqual(['basis.date: date.nonexistent']);
    expect(at('0000-01-01')).toContain('basis.date: date.range');
    expect(at('2024-02-29')).toEqual([]);
  });

  it('refuses a credit code with a full-width character or a space', () => {
    expect(problems(designationSchema.safeParse(designationForm({ subjectCode: '91350100M000100Y4３' })))).toContain(
      'subjectCode: code.charset',
    );
  });
});
