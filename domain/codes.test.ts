import { describe, expect, it } from 'vitest';
import { checkResidentId, checkUscc, maskSubjectCode, screenPersonalData } from './codes';

describe('unified social credit code (GB 32100-2015)', () => {
  it.each([
    ['914403001922038216', 'Huawei Technologies Co., Ltd.'],
    ['91330100716105852F', 'Alibaba (China) Co., Ltd.'],
    ['9144030071526726XG', 'Shenzhen Tencent Computer Systems Co., Ltd.'],
    ['91350100M000100Y43', 'the GB 32100 example'],
  ])('accepts the real code %s (%s)', (code) => {
    expect(checkUscc(code)).toEqual({ ok: true });
  });

  it.each([
    ['914403001922038217', 'check'], // last character changed
    ['91440300192203821', 'length'],
    ['9144030019220382I6', 'charset'], // I is never used
    ['Z14403001922038216', 'charset'],
    ['B14403001922038216', 'registrationAuthority'], // B is no registration authority
    ['91A403001922038216', 'division'],
    ['914403001922038316', 'organisationCheck'], // organisation code 19220383-1 fails GB 11714
  ])('rejects %s (%s)', (code, problem) => {
    expect(checkUscc(code)).toEqual({ ok: false, problem });
  });
});

describe('resident identity number (GB 11643-1999)', () => {
  it('accepts the standard example with check character X', () => {
    expect(checkResidentId('11010519491231002X')).toEqual({ ok: true });
  });
  it.each([
    ['110105194912310021', 'check'],
    ['11010519491231002', 'length'],
    ['11010519491231002x', 'charset'], // lowercase is normalised by the form, not here
    ['110105194902300028', 'birthDate'], // 30 February
    ['010105194912310025', 'division'],
  ])('rejects %s (%s)', (id, problem) => {
    expect(checkResidentId(id)).toEqual({ ok: false, problem });
  });
  it('masks a person in public but not an organisation', () => {
    expect(maskSubjectCode('11010519491231002X', 'PERSON')).toBe('110105***********X');
    expect(maskSubjectCode('914403001922038216', 'ORGANISATION')).toBe('914403001922038216');
  });
});

describe('personal data screened out of published text', () => {
  it('masks an ID number (check digit right or wrong) and a mobile number, and keeps a credit code, amounts and dates', () => {
    expect(screenPersonalData('法定代表人赵某某（身份证号11010519491231002X）拒不履行')).toBe(
      '法定代表人赵某某（身份证号110105********002X）拒不履行',
    );
    expect(screenPersonalData('身份证110105194912310021，')).toBe('身份证110105********0021，');
    expect(screenPersonalData('联系电话13800138000；备用 +86 139-1234-5678')).toBe('联系电话138****8000；备用 +86 139-****-5678');
    const kept = '统一社会信用代码914403001922038216，罚款 1380013800 元，电话 010-12345678，2026年1月1日';
    expect(screenPersonalData(kept)).toBe(kept);
    // An 11-digit run inside a longer number is not a phone number.
    expect(screenPersonalData('账号 6222021380013800012')).toBe('账号 6222021380013800012');
  });
});
