// Bulk import (批量导入) of court and penalty lists: the template to download, a file uploaded and
// previewed row by row (each row's errors by column, as the form would say them; nothing created),
// the valid rows imported once confirmed — then the batch's own page shows its progress. Below, the
// department's batches.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Modal, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { ImportBatchSummary, ImportPreview, Me, Paged } from '../api';
import { ApiError, api, download } from '../api';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '../../../domain/import';
import { useI18n } from '../i18n';
import { ImportProgress } from './ImportBatchPage';

type PreviewRow = ImportPreview['results'][number];

/** Sends the file as a form upload (field `file`) and answers the JSON, or throws the problem's title. */
async function sendFile<T>(path: string, file: File): Promise<T> {
  const body = new FormData();
  body.append('file', file, file.name);
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'accept-language': localStorage.getItem('locale') === 'en' ? 'en' : 'zh-CN' },
    body,
  });
  const data = (await res.json().catch(() => null)) as (T & { title?: string }) | null;
  if (!res.ok) throw new ApiError(res.status, data?.title ?? res.statusText);
  return data as T;
}

export function ImportPage({ me }: { me: Me }) {
  const { t, dateTime } = useI18n();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [batches, setBatches] = useState<Paged<ImportBatchSummary> | null>(null);
  useEffect(() => {
    void api<Paged<ImportBatchSummary>>('GET', '/api/imports').then(setBatches, () => setBatches(null));
  }, []);
  const caseworker = me.role === 'CASEWORKER';

  const check = async (f: File) => {
    setFile(f);
    setPreview(null);
    setError(null);
    setBusy(true);
    try {
      setPreview(await sendFile<ImportPreview>('/api/imports/preview', f));
    } catch (e) {
      setError(e instanceof ApiError ? e.title : String(e));
    } finally {
      setBusy(false);
    }
  };
  const confirm = () =>
    Modal.confirm({
      title: t('importConfirmTitle', preview!.valid),
      content: t('importConfirmBody'),
      okText: t('confirmOk'),
      cancelText: t('confirmCancel'),
      onOk: async () => {
        try {
          const batch = await sendFile<{ id: string }>(`/api/imports?sha256=${preview!.sha256}`, file!);
          void navigate(`/imports/${batch.id}`);
        } catch (e) {
          setError(e instanceof ApiError ? e.title : String(e));
        }
      },
    });
  const rows = preview ? (onlyErrors ? preview.results.filter((r) => r.status === 'INVALID') : preview.results) : [];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('imports')}
      </Typography.Title>
      {caseworker && (
        <Card size="small" title={t('importUpload')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('importHint', IMPORT_MAX_ROWS, IMPORT_MAX_BYTES / 1024 / 1024)}
            </Typography.Paragraph>
            <Space wrap>
              <Button onClick={() => void download('/api/imports/template.xlsx')} data-testid="template-xlsx">
                {t('importTemplateXlsx')}
              </Button>
              <Button onClick={() => void download('/api/imports/template.csv')}>{t('importTemplateCsv')}</Button>
            </Space>
            <Upload.Dragger
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              beforeUpload={(f) => {
                void check(f as File);
                return false;
              }}
              disabled={busy}
              data-testid="import-file"
            >
              <p>{busy ? t('importChecking') : file ? t('importChosen', file.name) : t('importDrop')}</p>
            </Upload.Dragger>
            {error && <Alert type="error" showIcon title={error} data-testid="import-error" />}
          </Space>
        </Card>
      )}
      {preview && (
        <Card
          size="small"
          title={t('importPreview', preview.fileName)}
          data-testid="import-preview"
          extra={
            <Space wrap>
              <Switch checked={onlyErrors} onChange={setOnlyErrors} /> {t('importOnlyErrors')}
            </Space>
          }
        >
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Tag>{t('importRows', preview.rows)}</Tag>
              <Tag color="green" data-testid="preview-valid">
                {t('importValid', preview.valid)}
              </Tag>
              <Tag color={preview.invalid ? 'red' : 'default'} data-testid="preview-invalid">
                {t('importInvalid', preview.invalid)}
              </Tag>
              {preview.imported > 0 && <Tag color="blue">{t('importImported', preview.imported)}</Tag>}
              {preview.batchId && <Link to={`/imports/${preview.batchId}`}>{t('importOpenBatch')}</Link>}
            </Space>
            <Table<PreviewRow>
              rowKey="rowNumber"
              size="small"
              dataSource={rows}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('importRowNumber'), dataIndex: 'rowNumber', width: 70 },
                { title: t('subjectName'), dataIndex: 'subjectName' },
                { title: t('subjectCode'), dataIndex: 'subjectCode' },
                {
                  title: t('state'),
                  dataIndex: 'status',
                  render: (v: PreviewRow['status']) => (
                    <Tag color={v === 'VALID' ? 'green' : v === 'INVALID' ? 'red' : 'blue'}>{t(`importStatus.${v}`)}</Tag>
                  ),
                },
                {
                  title: t('importErrors'),
                  render: (_v, r) =>
                    r.status === 'IMPORTED' ? (
                      <Link to={`/cases/${r.caseId}`}>{r.caseNumber}</Link>
                    ) : (
                      <ul style={{ margin: 0, paddingInlineStart: 16 }} data-testid={`row-errors-${r.rowNumber}`}>
                        {r.errors.map((e, i) => (
                          <li key={i}>
                            {e.column ? <b>{e.column}：</b> : null}
                            {e.message}
                          </li>
                        ))}
                      </ul>
                    ),
                },
              ]}
            />
            {caseworker && (
              <Button type="primary" disabled={preview.valid === 0} onClick={confirm} data-testid="import-confirm">
                {t('importConfirm', preview.valid)}
              </Button>
            )}
          </Space>
        </Card>
      )}
      <Card size="small" title={t('importBatches')}>
        <Table<ImportBatchSummary>
          rowKey="id"
          size="small"
          dataSource={batches?.rows ?? []}
          loading={!batches}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('importNoBatches') }}
          columns={[
            { title: t('importFile'), dataIndex: 'fileName', render: (v, b) => <Link to={`/imports/${b.id}`}>{v}</Link> },
            { title: t('importBy'), dataIndex: 'createdByName' },
            { title: t('importedAt'), dataIndex: 'createdAt', render: (v) => dateTime(v) },
            { title: t('importProgress'), render: (_v, b) => <ImportProgress batch={b} /> },
            { title: t('importAwaitingApproval'), dataIndex: 'awaitingApproval' },
          ]}
        />
      </Card>
    </Space>
  );
}
