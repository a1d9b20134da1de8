// 主体信用记录: one page per subject — every listing it is on (as the subject or as a responsible
// person), the measures in force on it and those lifted, and its interviews. Staff read any subject's;
// a party its own.
import { ListName } from '../components/ListName';
import { Alert, Card, Descriptions, List, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, type SubjectRecord } from '../api';
import { StateTag } from '../components/StateTag';
import { PurposeRefused } from '../components/PurposePrompt';
import { useI18n } from '../i18n';

type Listing = SubjectRecord['listings'][number];

export function SubjectPage({ linkCases }: { linkCases: boolean }) {
  const { code } = useParams();
  const { t, label, date } = useI18n();
  const [record, setRecord] = useState<SubjectRecord | null>(null);
  const [error, setError] = useState<{ text: string; purpose: boolean } | null>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    setRecord(null);
    setError(null);
    api<SubjectRecord>('GET', `/api/subjects/${encodeURIComponent(code ?? '')}`).then(setRecord, (e: unknown) =>
      setError({
        text: e instanceof ApiError ? e.message : String(e),
        // A person's record read without its purpose (the dialogue cancelled): the page asks again.
        purpose: e instanceof ApiError && e.extra.code === 'PURPOSE_REQUIRED',
      }),
    );
  }, [code, asked]);
  if (error?.purpose) return <PurposeRefused text={error.text} onAsk={() => setAsked((n) => n + 1)} />;
  if (error) return <Alert type="error" showIcon title={error.text} />;
  if (!record) return null;
  const inForce = record.listings.flatMap((l) => l.measures.filter((m) => m.inForce).map((m) => ({ ...m, caseNumber: l.caseNumber })));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="subject-record">
      <Card title={t('subjectRecord')}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('subjectName')}>{record.name}</Descriptions.Item>
          <Descriptions.Item label={t('subjectCode')}>
            <span style={{ fontFamily: 'monospace' }}>{record.code}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('subjectType')}>{label(record.type)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('measuresInForce')} data-testid="measures-in-force">
        {inForce.length === 0 ? (
          <Typography.Text type="secondary">{t('noMeasuresInForce')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={inForce}
            renderItem={(m) => (
              <List.Item>
                {m.content}（{m.unit}；{m.caseNumber}；{t('since')} {m.since ? date(m.since) : '—'}）
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card title={t('listings')}>
        <Table<Listing>
          rowKey="caseId"
          dataSource={record.listings}
          pagination={{ pageSize: 20 }}
          scroll={{ x: 'max-content' }} // on a phone the table scrolls sideways rather than squeezing its columns
          data-testid="subject-listings"
          columns={[
            {
              title: t('caseNumber'),
              render: (_v, l) => (linkCases ? <Link to={`/cases/${l.caseId}`}>{l.caseNumber}</Link> : l.caseNumber),
            },
            { title: t('listType'), render: (_v, l) => <ListName name={l.listTypeName} kind={l.listKind} /> },
            { title: t('tier'), render: (_v, l) => (l.tier ? label(l.tier) : '—') },
            { title: t('onRecordAs'), render: (_v, l) => (l.as === 'SUBJECT' ? t('asSubject') : label(l.as)) },
            { title: t('department'), dataIndex: 'department' },
            { title: t('state'), render: (_v, l) => <StateTag state={l.state} /> },
            { title: t('listedAt'), render: (_v, l) => (l.listedAt ? date(l.listedAt) : '—') },
            {
              title: t('publicationEndsOn'),
              render: (_v, l) =>
                l.removedAt ? `${t('removedOn')} ${date(l.removedAt)}（${label(l.removalKind ?? '')}）` : date(l.publicationEndsOn ?? ''),
            },
            {
              title: t('measures'),
              render: (_v, l) =>
                l.measures.map((m) => (
                  <div key={m.measureId}>
                    <Tag color={m.inForce ? 'red' : 'default'}>
                      {m.inForce ? t('inForce') : m.liftedAt ? `${t('lifted')} ${date(m.liftedAt)}` : t('suspendedShort')}
                    </Tag>
                    {m.content}
                  </div>
                )),
            },
          ]}
        />
      </Card>
      <Card title={t('interviews')} data-testid="subject-interviews">
        {record.interviews.length === 0 ? (
          <Typography.Text type="secondary">{t('noInterviews')}</Typography.Text>
        ) : (
          <List
            dataSource={record.interviews}
            renderItem={(i) => (
              <List.Item>
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>
                    {label(i.kind)} · {i.department} · {i.caseNumber}
                  </Typography.Text>
                  <Typography.Text>
                    {t('scheduledFor')} {date(i.scheduledFor)}（{i.place}）：{i.notice}
                  </Typography.Text>
                  {i.heldOn ? (
                    <Typography.Text>
                      {t('heldOn')} {date(i.heldOn)}；{i.attendees}；{i.minutes}
                    </Typography.Text>
                  ) : (
                    <Tag color="orange">{t('notYetHeld')}</Tag>
                  )}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Space>
  );
}
