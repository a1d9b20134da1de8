// Subject identifiers: the unified social credit code (统一社会信用代码, GB 32100-2015) for
// organisations and the resident identity number (公民身份号码, GB 11643-1999) for natural persons.
// Both carry a check character; a code whose check fails is a typing error, never a subject.

export type CodeProblem = 'length' | 'charset' | 'registrationAuthority' | 'division' | 'organisationCheck' | 'check' | 'birthDate';

export type CodeCheck = { ok: true } | { ok: false; problem: CodeProblem };

// GB 32100 alphabet: digits and capitals without I, O, Z, S, V (31 characters).
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// Registration authority codes (登记管理部门代码) of GB 32100 Table 1 and their institution types.
const USCC_AUTHORITIES: Record<string, string> = {
  '1': '1239',
  '2': '19',
  '3': '12345789',
  '4': '19',
  '5': '12349',
  '6': '129',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '12349',
  Y: '1',
};

/** Validates an 18-character unified social credit code, including both of its check characters. */
export function checkUscc(code: string): CodeCheck {
  if (code.length !== 18) return { ok: false, problem: 'length' };
  const values: number[] = [];
  for (const ch of code) {
    const v = USCC_ALPHABET.indexOf(ch);
    if (v < 0) return { ok: false, problem: 'charset' };
    values.push(v);
  }
  const types = USCC_AUTHORITIES[code[0]!];
  if (!types || !types.includes(code[1]!)) return { ok: false, problem: 'registrationAuthority' };
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { ok: false, problem: 'division' };
  // Positions 9–17 are the organisation code of GB 11714, with its own check character.
  if (!checkOrganisationCode(code.slice(8, 17))) return { ok: false, problem: 'organisationCheck' };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += values[i]! * (3 ** i % 31);
  const check = (31 - (sum % 31)) % 31;
  return check === values[17] ? { ok: true } : { ok: false, problem: 'check' };
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
function checkOrganisationCode(code: string): boolean {
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = code[i]!;
    const v = ch >= '0' && ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 55; // A=10 … Z=35
    sum += v * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  const expected = c === 10 ? 'X' : c === 11 ? '0' : String(c);
  return code[8] === expected;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Validates an 18-digit resident identity number: shape, date of birth and check digit. */
export function checkResidentId(id: string): CodeCheck {
  if (id.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'charset' };
  if (!/^[1-9]\d{5}$/.test(id.slice(0, 6))) return { ok: false, problem: 'division' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return { ok: false, problem: 'birthDate' };
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id[17] ? { ok: true } : { ok: false, problem: 'check' };
}

/** Masks a code for public display (000 §六.2, 001 §(八)): a resident ID keeps region and last digit only. */
export function maskSubjectCode(code: string, subjectType: 'ORGANISATION' | 'PERSON'): string {
  if (subjectType === 'ORGANISATION') return code;
  return `${code.slice(0, 6)}${'*'.repeat(11)}${code.slice(17)}`;
}

/**
 * Screens free text for personal data before it is published (an organisation's reasons, a
 * correction, a notice): a resident ID number written into it keeps its region and last four
 * characters (110105********002X), a mainland mobile number its first three and last four digits
 * (138****8000, separators kept). An ID number mistyped (a wrong check digit) is still masked; a
 * unified social credit code made of digits only is not an ID number and stays.
 */
export function screenPersonalData(text: string): string {
  return (
    text
      // 18 characters: region (1–8…), date of birth 19xx/20xx, sequence, check digit or X.
      .replace(
        /(?<![0-9A-Za-z])([1-8]\d{5})((?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(\d{3}[\dXx])(?![0-9A-Za-z])/g,
        (all, region: string, _birth: string, tail: string) => (checkUscc(all.toUpperCase()).ok ? all : `${region}********${tail}`),
      )
      // Mainland mobile numbers: 1[3-9]x xxxx xxxx, optionally after +86 and with spaces or hyphens.
      .replace(/(?<!\d)(1[3-9]\d)([ -]?)\d{4}([ -]?)(\d{4})(?!\d)/g, '$1$2****$3$4')
  );
}
