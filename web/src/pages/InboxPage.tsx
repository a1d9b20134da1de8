// A cooperating unit's inbox: listings pushed to it, the measures it implements, acknowledgement,
// and its execution feedback on each measure and subject — with its own deadlines, overdue in red.
import { Alert, App, Button, Card, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, type InboxPush } from '../api';
import { FeedbackForm } from '../components/FeedbackForm';
import { FeedbackTargetsTable } from '../components/FeedbackTargetsTable';
import { useI18n } from '../i18n';

export function InboxPage() {
  const { t, label, dateTime, date } = useI18n();
  const [rows, setRows] = useState<InboxPush[] | null>(null);
  const load = useCallback(() => api<InboxPush[]>('GET', '/api/pushes').then(setRows), []);
  useEffect(() => {
    void load();
  }, [load]);
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
      <Table<InboxPush>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        locale={{ emptyText: t('empty') }}
        expandable={{
          rowExpandable: (p) => p.targets.length > 0 && (p.kind === 'LISTING' || p.feedbackBy !== null),
          expandedRowRender: (p) => (
            <FeedbackTargetsTable
              targets={p.targets}
              testIdPrefix="latest"
              action={(r) => <FeedbackForm pushId={p.id} measureId={r.measureId} subjectCode={r.subjectCode} onDone={() => void load()} />}
            />
          ),
        }}
        columns={[
          { title: t('caseNumber'), render: (_v, p) => <Link to={`/cases/${p.case!.id}`}>{p.case!.caseNumber}</Link> },
          { title: '', dataIndex: 'kind', render: (v) => <Tag color={v === 'REMOVAL' ? 'green' : 'red'}>{label(v)}</Tag> },
          { title: t('subjectName'), render: (_v, p) => `${p.case!.subjectName}（${p.case!.subjectCode}）` },
          { title: t('tier'), render: (_v, p) => (p.case!.tier ? label(p.case!.tier) : '—') },
          { title: t('measures'), render: (_v, p) => p.measures?.map((m) => <div key={m.id}>{m.content}</div>) },
          { title: t('publicationEndsOn'), render: (_v, p) => date(p.case!.publicationEndsOn) },
          { title: t('pushedAt'), dataIndex: 'pushedAt', render: (v) => dateTime(v) },
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
    </Card>
  );
}
