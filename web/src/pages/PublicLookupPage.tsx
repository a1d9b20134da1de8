// 信用公示查询: anyone may look up published listings; personal data is masked by the API. Two ways
// to search, each explained on the page: an organisation by its code or name, a natural person only
// by full name and ID number together (never by part of either).
import { ListName } from '../components/ListName';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Form, Grid, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { publicLookupSchema } from '../../../domain/schemas';
import { api, type PublicListing, type PublicPage } from '../api';
import { FormField } from '../components/FormField';
import { applyServerErrors } from '../components/serverErrors';
import { useI18n } from '../i18n';

type LookupInput = z.input<typeof publicLookupSchema>;
type Lookup = z.output<typeof publicLookupSchema>;

/** The lookup as the API takes it: only the fields of the way chosen. */
const queryOf = (v: Lookup) =>
  new URLSearchParams(v.type === 'PERSON' ? { type: 'PERSON', name: v.name, idNumber: v.idNumber } : { q: v.q }).toString();

export function PublicLookupPage() {
  const { t, label, date } = useI18n();
  const phone = Grid.useBreakpoint().md === false;
  const [found, setFound] = useState<(PublicPage & { query: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<LookupInput, unknown, Lookup>({
    resolver: zodResolver(publicLookupSchema),
    defaultValues: { type: 'ORGANISATION', q: '', name: '', idNumber: '' },
  });
  const { control, watch, clearErrors, formState } = form;
  const type = watch('type');
  const read = async (query: string, page = 1, pageSize = 20) => {
    setError(null);
    try {
      const p = await api<PublicPage>('GET', `/api/public/listings?${query}&page=${page}&pageSize=${pageSize}`);
      setFound({ ...p, query });
    } catch (e) {
      setFound(null);
      const text = applyServerErrors(e, form.setError);
      if (text) setError(text);
    }
  };
  const submit = form.handleSubmit((v) => read(queryOf(v)));
  const rows = found?.rows ?? null;
  const fieldWidth = phone ? '100%' : 300;
  return (
    <Card title={t('publicLookup')}>
      <Form layout="vertical" onFinish={() => submit()} component="form" data-testid="public-lookup" style={{ maxWidth: 960 }}>
        <FormField control={control} name="type" label={t('lookup.how')} idPrefix="lookup">
          {(f) => (
            <Radio.Group
              {...f}
              optionType="button"
              buttonStyle="solid"
              onChange={(e) => {
                f.onChange(e);
                // The other way's results and errors are not this one's.
                clearErrors();
                setError(null);
                setFound(null);
              }}
              options={[
                { value: 'ORGANISATION', label: t('lookup.organisation') },
                { value: 'PERSON', label: t('lookup.person') },
              ]}
            />
          )}
        </FormField>
        <Alert
          type="info"
          showIcon
          data-testid="lookup-hint"
          title={type === 'PERSON' ? t('lookup.personHint') : t('lookup.organisationHint')}
          style={{ marginBottom: 16 }}
        />
        {type === 'PERSON' ? (
          <div style={{ display: 'flex', flexDirection: phone ? 'column' : 'row', columnGap: 16 }}>
            <FormField control={control} name="name" label={t('lookup.name')} required idPrefix="lookup">
              {(f) => <Input {...f} autoComplete="off" style={{ width: fieldWidth }} maxLength={50} />}
            </FormField>
            <FormField control={control} name="idNumber" label={t('lookup.idNumber')} required idPrefix="lookup">
              {(f) => <Input {...f} autoComplete="off" style={{ width: fieldWidth, fontFamily: 'monospace' }} maxLength={18} />}
            </FormField>
          </div>
        ) : (
          <FormField control={control} name="q" label={t('lookup.query')} required idPrefix="lookup">
            {(f) => (
              <Input {...f} autoComplete="off" placeholder={t('publicQuery')} style={{ width: '100%', maxWidth: 616 }} maxLength={100} />
            )}
          </FormField>
        )}
        <Space wrap style={{ marginTop: 8 }}>
          <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
            {t('search')}
          </Button>
          {/* Every listing the search found, as the page shows them (masked alike), not just this page. */}
          {found && found.total > 0 && (
            <a href={`/api/public/listings/export.xlsx?${found.query}`} download data-testid="export">
              <Button>{t('exportXlsx')}</Button>
            </a>
          )}
        </Space>
      </Form>
      {error && <Alert type="warning" title={error} showIcon style={{ marginTop: 16 }} data-testid="lookup-refused" />}
      {rows && (
        <>
          <Table<PublicListing>
            scroll={{ x: 'max-content' }}
            style={{ marginTop: 16 }}
            rowKey="caseNumber"
            dataSource={rows}
            locale={{ emptyText: t('noListing') }}
            pagination={{
              current: found!.page,
              pageSize: found!.pageSize,
              total: found!.total,
              pageSizeOptions: [10, 20, 50],
              showSizeChanger: true,
              showTotal: (total) => t('totalListings', total),
              onChange: (page, size) => void read(found!.query, page, size),
            }}
            data-testid="public-results"
            columns={[
              { title: t('subjectName'), dataIndex: 'subjectName' },
              { title: t('subjectCode'), dataIndex: 'subjectCode', render: (v) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
              { title: t('listType'), render: (_v, l) => <ListName name={l.listTypeName} kind={l.listKind} /> },
              { title: t('tier'), dataIndex: 'tier', render: (v) => <Tag>{label(v)}</Tag> },
              {
                title: t('reasons'),
                dataIndex: 'reasons',
                render: (v, r) => (
                  <>
                    {v ?? '—'}
                    {r.corrected && (
                      <div>
                        <Tag color="green">{t('correctedTag')}</Tag>
                        {r.correction}
                      </div>
                    )}
                    {r.measuresSuspended && <Tag color="orange">{t('suspendedTag')}</Tag>}
                    {r.notice && (
                      <div data-testid="public-notice">
                        <Tag color="blue">{r.removed ? t('removedNoticeTag') : t('correctionNoticeTag')}</Tag>
                        {r.notice}
                      </div>
                    )}
                  </>
                ),
              },
              { title: t('department'), dataIndex: 'department' },
              { title: t('listedAt'), dataIndex: 'listedAt', render: (v) => date(v) },
              { title: t('publicationEndsOn'), dataIndex: 'publicationEndsOn', render: (v) => date(v) },
            ]}
          />
          <Typography.Text type="secondary">{t('lookup.screened')}</Typography.Text>
        </>
      )}
    </Card>
  );
}
