import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from '../api';

/** Puts the API's field errors beside their inputs; returns the message for anything else. */
export function applyServerErrors<T extends FieldValues>(err: unknown, setError: UseFormSetError<T>): string | null {
  if (err instanceof ApiError) {
    for (const e of err.errors) setError(e.field as Path<T>, { type: 'server', message: e.code });
    return err.errors.length ? null : err.title;
  }
  return String(err);
}
