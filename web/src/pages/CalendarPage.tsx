// The administrator's working-day calendar (节假日安排): enter or correct one year's holidays and
// make-up working days from the State Council's notice. Saving moves provisional deadlines.
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { calendarYearSchema, type CalendarYearInput } from '../../../domain/schemas';
import { api, type CalendarSaved, type CalendarYearView } from '../api';
import { FormField } from '../components/FormField';
import { applyServerErrors } from '../components/serverErrors';
import { useI18n } from '../i18n';

export function CalendarPage({ canEdit }: { canEdit: boolean }) {
  const { t, dateTime, label } = useI18n();
  const [year, setYear] = useState(() => new Date().getFullYear() + 1);
  const [view, setView] = useState<CalendarYearView | null>(null);
  const [message, setMessage] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const { control, handleSubmit, reset, setError, formState } = useForm<CalendarYearInput>({
    resolver: zodResolver(calendarYearSchema),
    defaultValues: { year, days: [] },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'days' });

  useEffect(() => {
    setMessage(null);
    void api<CalendarYearView>('GET', `/api/calendar/${year}`).then((v) => {
      setView(v);
      reset({ year, days: v.days });
    });
  }, [year, reset]);

  const save = handleSubmit(async (values) => {
    setMessage(null);
    try {
      const r = await api<CalendarSaved>('PUT', `/api/calendar/${year}`, { days: values.days });
      setMessage({ type: 'success', text: t('calendarSaved', r.casesNotified) });
      setView(await api<CalendarYearView>('GET', `/api/calendar/${year}`));
    } catch (e) {
      const text = applyServerErrors(e, setError);
      if (text) setMessage({ type: 'error', text });
    }
  });

  return (
    <Card title={t('calendar')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Typography.Text>{t('year')}</Typography.Text>
          <InputNumber aria-label={t('year')} min={2004} max={2100} value={year} onChange={(v) => v && setYear(v)} />
          {view &&
            (view.entered ? (
              <Tag color="green" data-testid="calendar-status">
                {t('calendarEntered')} · {view.source === 'chinese-days' ? 'chinese-days' : view.updatedBy} · {dateTime(view.updatedAt)}
              </Tag>
            ) : (
              <Tag color="warning" data-testid="calendar-status">
                {t('calendarMissing')}
              </Tag>
            ))}
        </Space>
        {message && <Alert type={message.type} title={message.text} showIcon />}
        <Form component="form" onFinish={() => save()}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={fields}
            columns={[
              {
                title: t('date'),
                render: (_v, _f, i) => (
                  <FormField control={control} name={`days.${i}.date`} label="">
                    {(f) => <Input {...f} type="date" disabled={!canEdit} aria-label={`${t('date')} ${i + 1}`} />}
                  </FormField>
                ),
              },
              {
                title: t('dayKind'),
                render: (_v, _f, i) => (
                  <FormField control={control} name={`days.${i}.kind`} label="">
                    {(f) => (
                      <Select
                        {...f}
                        disabled={!canEdit}
                        style={{ minWidth: 160 }}
                        options={(['HOLIDAY', 'MAKEUP_WORKDAY'] as const).map((k) => ({ value: k, label: label(k) }))}
                      />
                    )}
                  </FormField>
                ),
              },
              {
                title: t('holidayName'),
                render: (_v, _f, i) => (
                  <FormField control={control} name={`days.${i}.name`} label="">
                    {(f) => <Input {...f} disabled={!canEdit} aria-label={`${t('holidayName')} ${i + 1}`} />}
                  </FormField>
                ),
              },
              ...(canEdit
                ? [{ title: '', render: (_v: unknown, _f: unknown, i: number) => <Button onClick={() => remove(i)}>{t('remove')}</Button> }]
                : []),
            ]}
          />
          {canEdit && (
            <Space style={{ marginTop: 16 }}>
              <Button onClick={() => append({ date: `${year}-01-01`, kind: 'HOLIDAY', name: '' })}>{t('addDay')}</Button>
              <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
                {t('saveCalendar')}
              </Button>
            </Space>
          )}
        </Form>
      </Space>
    </Card>
  );
}
