// The supervisor's batch approval of prior notices (批量审核告知书): the drafts chosen on the case list,
// one opinion, confirmed — then sent a few at a time, each case approved by its own workflow's step
// and recorded in its own audit trail, with each case's result shown (a case changed meanwhile is
// refused as stale, and stays for a look of its own).
import { useState } from 'react';
import { Alert, Button, Input, Modal, Progress, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { BatchNoticeApprovalResult, CaseSummary } from '../api';
import { ApiError, api } from '../api';
import { useI18n } from '../i18n';

type Result = BatchNoticeApprovalResult['results'][number];
/** Cases sent per request: the server takes up to 100, each waiting on its own workflow. */
const CHUNK = 10;

export function BatchApproval({ cases, onDone }: { cases: CaseSummary[]; onDone(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [opinion, setOpinion] = useState('');
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<Result[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const run = async () => {
    setConfirming(false);
    setRunning(true);
    setError(null);
    const done: Result[] = [];
    setResults([]);
    try {
      for (let i = 0; i < cases.length; i += CHUNK) {
        const chunk = cases.slice(i, i + CHUNK).map((c) => ({ id: c.id, updatedAt: c.updatedAt }));
        const answer = await api<BatchNoticeApprovalResult>('POST', '/api/cases/notice-approvals', { cases: chunk, reasons: opinion });
        done.push(...answer.results);
        setResults([...done]);
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.title : String(e));
    } finally {
      setRunning(false);
    }
  };
  const close = () => {
    setOpen(false);
    if (results) onDone();
    setResults(null);
    setOpinion('');
    setError(null);
  };
  const ok = results?.filter((r) => r.ok).length ?? 0;

  return (
    <>
      <Button type="primary" disabled={cases.length === 0} onClick={() => setOpen(true)} data-testid="batch-approve">
        {t('batchApprove', cases.length)}
      </Button>
      <Modal
        open={open}
        title={t('batchApproveTitle', cases.length)}
        onCancel={running ? undefined : close}
        closable={!running}
        mask={{ closable: false }}
        footer={
          results && !running ? (
            <Button onClick={close} data-testid="batch-close">
              {t('close')}
            </Button>
          ) : (
            <Space>
              <Button onClick={close} disabled={running}>
                {t('confirmCancel')}
              </Button>
              <Button type="primary" loading={running} onClick={() => setConfirming(true)} data-testid="batch-approve-ok">
                {t('batchApproveOk', cases.length)}
              </Button>
            </Space>
          )
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          {!results && (
            <>
              <Typography.Paragraph style={{ margin: 0 }}>{t('batchApproveHint')}</Typography.Paragraph>
              <ul style={{ maxHeight: 160, overflow: 'auto', margin: 0 }}>
                {cases.map((c) => (
                  <li key={c.id}>
                    {c.caseNumber} {c.subjectName}
                  </li>
                ))}
              </ul>
              <Input.TextArea
                value={opinion}
                onChange={(e) => setOpinion(e.target.value)}
                placeholder={t('batchApproveOpinion')}
                maxLength={2000}
                rows={3}
                aria-label={t('batchApproveOpinion')}
                data-testid="batch-opinion"
              />
            </>
          )}
          {confirming && (
            <Alert
              type="warning"
              showIcon
              title={t('batchApproveConfirm', cases.length)}
              action={
                <Space orientation="vertical">
                  <Button size="small" type="primary" danger onClick={() => void run()} data-testid="batch-approve-confirm">
                    {t('confirmOk')}
                  </Button>
                  <Button size="small" onClick={() => setConfirming(false)}>
                    {t('confirmCancel')}
                  </Button>
                </Space>
              }
            />
          )}
          {results && (
            <>
              <Progress percent={Math.floor((results.length * 100) / cases.length)} data-testid="batch-progress" />
              <Typography.Text data-testid="batch-summary">{t('batchApproveSummary', ok, results.length - ok)}</Typography.Text>
              <Table<Result>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={results}
                scroll={{ y: 240 }}
                columns={[
                  {
                    title: t('caseNumber'),
                    render: (_v, r) => (r.caseNumber ? <Link to={`/cases/${r.id}`}>{r.caseNumber}</Link> : r.id),
                  },
                  {
                    title: t('importResult'),
                    render: (_v, r) =>
                      r.ok ? <Tag color="green">{t('batchApproved')}</Tag> : <Typography.Text type="danger">{r.message}</Typography.Text>,
                  },
                ]}
              />
            </>
          )}
          {error && <Alert type="error" showIcon title={error} />}
        </Space>
      </Modal>
    </>
  );
}
