// Case and document numbers in the form Chinese offices use: 〔year〕 and a per-year serial,
// e.g. 市信用办认〔2026〕12号 for a case and 市信用办告〔2026〕12号 for its prior notice.
import type { Prisma } from '../generated/prisma/client';

export async function nextNumber(tx: Prisma.TransactionClient, departmentId: string, kind: string, year: number): Promise<number> {
  const row = await tx.numberSequence.upsert({
    where: { departmentId_kind_year: { departmentId, kind, year } },
    create: { departmentId, kind, year, last: 1 },
    update: { last: { increment: 1 } },
  });
  return row.last;
}

export const documentNumber = (prefix: string, letter: string, year: number, serial: number) => `${prefix}${letter}〔${year}〕${serial}号`;
