// The list a case is on, as every answer names it: its name and whether it is a black list or a red one.
import type { Db } from '../activities/db';
import { listTypes } from '../activities/reference-data';
import type { ListKind } from '../domain/vocabulary';

/** Reads the list types once and answers, for a list type's code, its name and kind. */
export async function listTypeFacts(db: Db): Promise<(code: string) => { listTypeName: string; listKind: ListKind }> {
  const types = new Map((await listTypes(db)).map((t) => [t.code, t]));
  return (code) => ({ listTypeName: types.get(code)?.name ?? code, listKind: types.get(code)?.kind ?? 'BLACK' });
}
