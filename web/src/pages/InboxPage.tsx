// A cooperating unit's inbox: listings pushed to it, the measures it implements, and acknowledgement.
import { Button, Card, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, type InboxPush } from '../api';
import { useI18n } from '../i18n';

export function InboxPage() {
  const { t, label, dateTime, date } = useI18n();
  const [rows, setRows] = useState<InboxPush[] | null>(null);
  const load = useCallback(() => api<InboxPush[]>('GET', '/api/pushes').then(setRows), []);
  useEffect(() => {
    void load();
  }, [load]);
  const acknowledge = async (id: string) => {
    await api('POST', `/api/pushes/${id}/acknowledge`);
    await load();
  };
  return (
    <Card title={t('inbox')}>
      <Table<InboxPush>
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        locale={{ emptyText: t('empty') }}
        columns={[
          { title: t('caseNumber'), render: (_v, p) => <Link to={`/cases/${p.case!.id}`}>{p.case!.caseNumber}</Link> },
          { title: '', dataIndex: 'kind', render: (v) => <Tag color={v === 'REMOVAL' ? 'green' : 'red'}>{label(v)}</Tag> },
          { title: t('subjectName'), render: (_v, p) => `${p.case!.subjectName}（${p.case!.subjectCode}）` },
          { title: t('tier'), render: (_v, p) => label(p.case!.tier) },
          { title: t('measures'), render: (_v, p) => p.measures?.map((m) => <div key={m.id}>{m.content}</div>) },
          { title: t('publicationEndsOn'), render: (_v, p) => date(p.case!.publicationEndsOn) },
          { title: t('pushedAt'), dataIndex: 'pushedAt', render: (v) => dateTime(v) },
          {
            title: t('ackStatus'),
            render: (_v, p) =>
              p.status === 'ACKNOWLEDGED' ? (
                <Tag color="green">
                  {t('acknowledged')} · {dateTime(p.acknowledgedAt)}
                </Tag>
              ) : (
                <Button type="primary" size="small" onClick={() => acknowledge(p.id)}>
                  {t('acknowledge')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
