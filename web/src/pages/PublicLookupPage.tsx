// 信用公示查询: anyone may look up published listings; personal data is masked by the API.
import { ListName } from '../components/ListName';
import { Alert, Button, Card, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, ApiError, type PublicListing, type PublicPage } from '../api';
import { useI18n } from '../i18n';

export function PublicLookupPage() {
  const { t, label, date } = useI18n();
  const [found, setFound] = useState<(PublicPage & { q: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = async (q: string, page = 1, pageSize = 20) => {
    setError(null);
    try {
      const p = await api<PublicPage>('GET', `/api/public/listings?q=${encodeURIComponent(q)}&page=${page}&pageSize=${pageSize}`);
      setFound({ ...p, q });
    } catch (e) {
      setError(e instanceof ApiError ? e.title : String(e));
    }
  };
  const rows = found?.rows ?? null;
  return (
    <Card title={t('publicLookup')}>
      <Space wrap style={{ width: '100%' }}>
        <Input.Search
          aria-label={t('publicQuery')}
          placeholder={t('publicQuery')}
          enterButton={t('search')}
          onSearch={(q) => void search(q)}
          style={{ width: 'min(560px, calc(100vw - 80px))' }}
        />
        {/* Every listing the search found, as the page shows them (masked alike), not just this page. */}
        {found && found.total > 0 && (
          <a href={`/api/public/listings/export.xlsx?q=${encodeURIComponent(found.q)}`} download data-testid="export">
            <Button>{t('exportXlsx')}</Button>
          </a>
        )}
      </Space>
      {error && <Alert type="warning" title={error} style={{ marginTop: 16 }} />}
      {rows && (
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
            onChange: (page, size) => void search(found!.q, page, size),
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
      )}
    </Card>
  );
}
