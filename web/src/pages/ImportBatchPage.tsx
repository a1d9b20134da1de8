// One import batch (导入批次): a live progress bar while its workflow files the rows (polled each
// second), then each row's result — the case filed, with its number and state, or why it was not —
// and, for the supervisor, the way to approve the batch's notices together on the case list.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Progress, Segmented, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import type { ImportBatchDetail, ImportBatchSummary, Me } from '../api';
import { ApiError, api } from '../api';
import { StateTag } from '../components/StateTag';
import { useI18n } from '../i18n';

type Row = ImportBatchDetail['rows']['rows'][number];

/** The share of a batch's rows handled (filed or failed), as a bar. */
export function ImportProgress({ batch }: { batch: ImportBatchSummary }) {
  const { t } = useI18n();
  const handled = batch.done + batch.failed;
  const percent = batch.total ? Math.floor((handled * 100) / batch.total) : 100;
  return (
    <Space orientation="vertical" size={0} style={{ minWidth: 180, width: '100%' }}>
      <Progress
        percent={percent}
        success={{ percent: batch.total ? Math.floor((batch.done * 100) / batch.total) : 100 }}
        status={batch.status === 'RUNNING' ? 'active' : batch.failed ? 'exception' : 'success'}
        data-testid="import-progress"
        aria-valuenow={percent}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('importCounts', batch.done, batch.failed, batch.total)}
      </Typography.Text>
    </Space>
  );
}

export function ImportBatchPage({ me }: { me: Me }) {
  const { t, dateTime } = useI18n();
  const { id } = useParams();
  const navigate = useNavigate();
  const [batch, setBatch] = useState<ImportBatchDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<'ALL' | 'FILED' | 'FAILED'>('ALL');
  const [page, setPage] = useState(1);
  const read = useCallback(
    () =>
      api<ImportBatchDetail>('GET', `/api/imports/${id}?page=${page}&pageSize=50${status === 'ALL' ? '' : `&status=${status}`}`).then(
        (b) => {
          setBatch(b);
          return b;
        },
        (e: unknown) => {
          setError(e instanceof ApiError ? e.title : String(e));
          return null;
        },
      ),
    [id, page, status],
  );
  // Polled while the batch runs: the bar moves as rows are filed.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const tick = async () => {
      const b = await read();
      if (live && b?.status === 'RUNNING') timer = setTimeout(() => void tick(), 1000);
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [read]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!batch) return <Card loading />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('importBatch', batch.fileName)}
      </Typography.Title>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t('importBatchFacts', batch.createdByName, dateTime(batch.createdAt), batch.rowsInFile, batch.total)}
          </Typography.Text>
          <ImportProgress batch={batch} />
          <Typography.Text data-testid="import-status">
            {batch.status === 'RUNNING' ? t('importRunning') : t('importFinished', dateTime(batch.finishedAt))}
          </Typography.Text>
          {batch.awaitingApproval > 0 && (
            <Space wrap>
              <Tag color="orange">{t('importAwaitingApprovalCount', batch.awaitingApproval)}</Tag>
              {me.role === 'SUPERVISOR' && (
                <Button
                  type="primary"
                  data-testid="approve-batch"
                  onClick={() => navigate(`/cases?importBatch=${batch.id}&state=AWAITING_NOTICE_APPROVAL&pageSize=100`)}
                >
                  {t('importApproveBatch')}
                </Button>
              )}
            </Space>
          )}
        </Space>
      </Card>
      <Segmented
        value={status}
        onChange={(v) => {
          setStatus(v as typeof status);
          setPage(1);
        }}
        options={[
          { value: 'ALL', label: t('importAllRows') },
          { value: 'FILED', label: t('importFiledRows', batch.done) },
          { value: 'FAILED', label: t('importFailedRows', batch.failed) },
        ]}
      />
      <Table<Row>
        rowKey="rowNumber"
        size="small"
        dataSource={batch.rows.rows}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 50, total: batch.rows.total, showSizeChanger: false, onChange: setPage }}
        columns={[
          { title: t('importRowNumber'), dataIndex: 'rowNumber', width: 70 },
          { title: t('subjectName'), dataIndex: 'subjectName' },
          { title: t('subjectCode'), dataIndex: 'subjectCode' },
          {
            title: t('importResult'),
            render: (_v, r) =>
              r.status === 'FILED' ? (
                <Space wrap>
                  <Link to={`/cases/${r.caseId}`}>{r.caseNumber}</Link>
                  {r.caseState && <StateTag state={r.caseState} />}
                </Space>
              ) : r.status === 'FAILED' ? (
                <Typography.Text type="danger">{r.error}</Typography.Text>
              ) : (
                <Tag>{t('importPending')}</Tag>
              ),
          },
        ]}
      />
    </Space>
  );
}
