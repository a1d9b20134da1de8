// A form that posts one human step of a case to the API: validated with its shared zod schema
// first; then, where the step is a decision, a confirmation saying what will follow; then the API's
// answer — success reported, field errors beside their inputs, any other refusal above the form.
// However often it is clicked, one request is sent.
import { useRef, useState } from 'react';
import { App, type ButtonProps } from 'antd';
import { useForm, type DefaultValues, type FieldValues } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { api } from '../api';
import { applyServerErrors } from './serverErrors';

/** What the confirmation asks before the request is sent, and what the success message says after. */
export interface Confirmation {
  title: string;
  content: string;
  okText: string;
  cancelText: string;
  danger?: boolean;
}

export function useActionForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
  path: string,
  onDone: () => void,
  ask?: { confirm?: (values: z.output<S>) => Confirmation; done: string },
) {
  const { modal, message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  // Set from the first click until the answer (or the user's cancel): a second click does nothing.
  const busy = useRef(false);
  const form = useForm<z.input<S>, unknown, z.output<S>>({ resolver: zodResolver(schema), defaultValues });
  const post = async (values: z.output<S>) => {
    try {
      await api('POST', path, values);
      form.reset();
      if (ask) void message.success(ask.done);
      onDone();
    } catch (e) {
      setError(applyServerErrors(e, form.setError));
    }
  };
  const submit = form.handleSubmit(async (values) => {
    if (busy.current) return;
    busy.current = true;
    setError(null);
    try {
      if (!ask?.confirm) return await post(values);
      const c = ask.confirm(values);
      await new Promise<void>((resolve) => {
        modal.confirm({
          title: c.title,
          content: c.content,
          okText: c.okText,
          cancelText: c.cancelText,
          okButtonProps: { danger: c.danger, 'data-testid': 'confirm-ok' } as ButtonProps,
          // The modal keeps its OK button busy until the answer: pressing it again sends nothing.
          onOk: () => post(values).finally(resolve),
          onCancel: () => resolve(),
        });
      });
    } finally {
      busy.current = false;
    }
  });
  return { ...form, submit, error };
}
