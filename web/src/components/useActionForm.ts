// A form that posts one human step of a case to the API: validated with its shared zod schema
// first, then the API's answer — field errors beside their inputs, any other refusal above the form.
import { useState } from 'react';
import { useForm, type DefaultValues, type FieldValues } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { api } from '../api';
import { applyServerErrors } from './serverErrors';

export function useActionForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
  path: string,
  onDone: () => void,
) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm<z.input<S>, unknown, z.output<S>>({ resolver: zodResolver(schema), defaultValues });
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await api('POST', path, values);
      form.reset();
      onDone();
    } catch (e) {
      setError(applyServerErrors(e, form.setError));
    }
  });
  return { ...form, submit, error };
}
