// One form row: an antd input wired to react-hook-form, with the field's error in the user's language.
import { Form } from 'antd';
import { Controller, type Control, type ControllerRenderProps, type FieldPath, type FieldValues } from 'react-hook-form';
import type { ReactElement } from 'react';
import { useI18n } from '../i18n';

interface Props<T extends FieldValues, N extends FieldPath<T>> {
  control: Control<T, unknown, FieldValues>;
  name: N;
  label: string;
  extra?: string;
  required?: boolean;
  /** Keeps ids unique where several forms share a page. */
  idPrefix?: string;
  children: (field: ControllerRenderProps<T, N> & { id: string }) => ReactElement;
}

export function FormField<T extends FieldValues, N extends FieldPath<T>>({
  control,
  name,
  label,
  extra,
  required,
  idPrefix = 'field',
  children,
}: Props<T, N>) {
  const { message } = useI18n();
  const id = `${idPrefix}-${name.replaceAll('.', '-')}`;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Form.Item
          label={label}
          htmlFor={id}
          required={required}
          extra={extra}
          validateStatus={fieldState.error ? 'error' : undefined}
          help={fieldState.error ? <span data-field-error={name}>{message(fieldState.error.message)}</span> : undefined}
        >
          {children({ ...field, id })}
        </Form.Item>
      )}
    />
  );
}
