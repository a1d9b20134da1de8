// A cooperating unit's inbox: listings pushed to it, the measures it implements, acknowledgement,
// and its execution feedback on each measure and subject — with its own deadlines, overdue in red.
import { Alert, App, Button, Card, Checkbox, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, type InboxPush } from '../api';
import { FeedbackForm } from '../components/FeedbackForm';
import { FeedbackTargetsTable } from '../components/FeedbackTargetsTable';
import { DaysField, ListTypeField, SearchForm, useReference, useServerList, type Filters } from '../components/ServerList';
import { useI18n } from '../i18n';

const FILTERS: Filters = { q: 'text', listType: 'code', acknowledged: 'code', feedbackOverdue: 'flag', days: 'days' };

export function InboxPage() {
  const { t, label, dateTime, date } = useI18n();
  const reference = useReference();
  const list = useServerList<InboxPush>('/api/pushes', FILTERS, { sort: 'pushedAt', order: 'desc', total: (n) => t('totalPushes', n) });
  const load = list.reload;
  const [refusal, setRefusal] = useState<string | null>(null);
  const { message } = App.useApp();
  // The push being acknowledged: a second click on it sends nothing.
  const [acknowledging, setAcknowledging] = useState<string | null>(null);
  // A refusal (a colleague acknowledged it first, say) is said, and the inbox read again.
  const acknowledge = async (id: string) => {
    if (acknowledging) return;
    setAcknowledging(id);
    setRefusal(null);
    try {
      await api('POST', `/api/pushes/${id}/acknowledge`);
      void message.success(t('acknowledgedDone'));
    } catch (e) {
      setRefusal(e instanceof ApiError ? e.title : String(e));
    }
    await load();
    setAcknowledging(null);
  };
  return (
    <Card title={t('inbox')}>
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 16 }} data-testid="inbox-refusal" />}
      <Space orientation="vertical" style={{ width: '100%' }}>
        <SearchForm list={list} testId="inbox-search">
          <Form.Item name="q" label={t('searchText')}>
            <Input allowClear placeholder={t('searchTextHint')} style={{ width: 220 }} />
          </Form.Item>
          <ListTypeField reference={reference} />
          <Form.Item name="acknowledged" label={t('ackStatus')}>
            <Select
              allowClear
              placeholder={t('anyOption')}
              style={{ width: 120 }}
              options={[
                { value: 'true', label: t('acknowledged') },
                { value: 'false', label: t('notAcknowledged') },
              ]}
            />
          </Form.Item>
          <Form.Item name="feedbackOverdue" valuePropName="checked">
            <Checkbox>{t('feedbackOverdueOnly')}</Checkbox>
          </Form.Item>
          <DaysField label={t('pushedBetween')} />
        </SearchForm>
        <Table<InboxPush>
          rowKey="id"
          {...list.table}
          locale={{ emptyText: list.filtered ? t('noMatchingPushes') : t('empty') }}
          data-testid="inbox"
          expandable={{
            rowExpandable: (p) => p.targets.length > 0 && (p.kind === 'LISTING' || p.feedbackBy !== null),
            expandedRowRender: (p) => (
              <FeedbackTargetsTable
                targets={p.targets}
                testIdPrefix="latest"
                action={(r) => (
                  <FeedbackForm pushId={p.id} measureId={r.measureId} subjectCode={r.subjectCode} onDone={() => void load()} />
                )}
              />
            ),
          }}
          columns={[
            {
              title: t('caseNumber'),
              dataIndex: 'caseNumber',
              sorter: true,
              sortOrder: list.sortOrder('caseNumber'),
              render: (_v, p) => <Link to={`/cases/${p.case.id}`}>{p.case.caseNumber}</Link>,
            },
            { title: '', dataIndex: 'kind', render: (v) => <Tag color={v === 'REMOVAL' ? 'green' : 'red'}>{label(v)}</Tag> },
            { title: t('subjectName'), render: (_v, p) => `${p.case!.subjectName}（${p.case!.subjectCode}）` },
            { title: t('tier'), render: (_v, p) => (p.case!.tier ? label(p.case!.tier) : '—') },
            { title: t('measures'), render: (_v, p) => p.measures?.map((m) => <div key={m.id}>{m.content}</div>) },
            { title: t('publicationEndsOn'), render: (_v, p) => date(p.case!.publicationEndsOn) },
            {
              title: t('pushedAt'),
              dataIndex: 'pushedAt',
              sorter: true,
              sortOrder: list.sortOrder('pushedAt'),
              render: (v) => dateTime(v),
            },
            {
              title: t('unitDeadlines'),
              render: (_v, p) => (
                <span data-testid="unit-deadlines">
                  {p.acknowledgementOverdue && <Tag color="red">{t('ackOverdue')}</Tag>}
                  {p.feedbackOverdue && <Tag color="red">{t('feedbackOverdue')}</Tag>}
                  {p.feedbackBy && !p.feedbackDoneAt && !p.feedbackOverdue && (
                    <Tag color="blue">
                      {label(p.kind === 'LISTING' ? 'FIRST_FEEDBACK' : 'LIFTING')} · {dateTime(p.feedbackBy)}
                    </Tag>
                  )}
                  {p.feedbackDoneAt && <Tag color="green">{t('feedbackDone')}</Tag>}
                </span>
              ),
            },
            {
              title: t('ackStatus'),
              render: (_v, p) =>
                p.status === 'ACKNOWLEDGED' ? (
                  <Tag color="green">
                    {t('acknowledged')} · {dateTime(p.acknowledgedAt)}
                  </Tag>
                ) : (
                  <Button type="primary" size="small" loading={acknowledging === p.id} onClick={() => void acknowledge(p.id)}>
                    {t('acknowledge')}
                  </Button>
                ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
