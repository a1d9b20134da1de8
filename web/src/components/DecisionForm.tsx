// A decision one way or the other, with reasons: approve or return, accept or refuse, grant or
// refuse. The two buttons set the schema's yes/no field and submit; the form carries the revision.
import { Alert, Button, Form, Input, Space } from 'antd';
import type { DefaultValues, FieldPath, FieldValues, PathValue } from 'react-hook-form';
import type { z } from 'zod';
import { FormField } from './FormField';
import { useActionForm } from './useActionForm';

interface Props<S extends z.ZodType<FieldValues, FieldValues>> {
  schema: S;
  /** The boolean field the buttons decide, e.g. "approved". */
  field: FieldPath<z.input<S>>;
  revision: number;
  path: string;
  onDone(): void;
  reasonsLabel: string;
  reasonsRequired?: boolean;
  yes: string;
  no: string;
  /** Which of the two is the primary button: the usual outcome, or (for a rejection) the other. */
  emphasis?: 'yes' | 'no';
}

export function DecisionForm<S extends z.ZodType<FieldValues, FieldValues>>(props: Props<S>) {
  const { schema, field, revision, path, onDone, reasonsLabel, reasonsRequired, yes, no, emphasis = 'yes' } = props;
  type Values = z.input<S>;
  const defaults = { revision, reasons: '' } as DefaultValues<Values>;
  const { control, submit, error, formState, setValue } = useActionForm(schema, defaults, path, onDone);
  const decide = (value: boolean) => {
    setValue(field, value as PathValue<Values, typeof field>);
    return submit();
  };
  return (
    <Form layout="vertical" component="form">
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
      <FormField control={control} name={'reasons' as FieldPath<Values>} label={reasonsLabel} required={reasonsRequired}>
        {(f) => <Input.TextArea {...f} value={f.value as string} rows={3} />}
      </FormField>
      <Space>
        <Button type={emphasis === 'yes' ? 'primary' : 'default'} onClick={() => decide(true)} loading={formState.isSubmitting}>
          {yes}
        </Button>
        <Button type={emphasis === 'no' ? 'primary' : 'default'} danger onClick={() => decide(false)} loading={formState.isSubmitting}>
          {no}
        </Button>
      </Space>
    </Form>
  );
}
