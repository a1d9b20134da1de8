// Cases whose own processing keeps failing (办理受阻): which step, since when, how often, the last
// error. The department's staff open the case; the administrator, who reads no case, sees its number
// only, to look into it in the engine's console.
import { Alert, Card, Table } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, type StuckCase } from '../api';
import { useI18n } from '../i18n';

export function StuckCases({ operator = false }: { operator?: boolean }) {
  const { t, label, dateTime } = useI18n();
  const [stuck, setStuck] = useState<StuckCase[]>([]);
  useEffect(() => {
    void api<StuckCase[]>('GET', '/api/deadlines/stuck').then(setStuck);
  }, []);
  if (stuck.length === 0) return null;
  return (
    <Card title={t('stuckCases')} data-testid="stuck-cases" id="stuck">
      <Alert type="error" showIcon message={t(operator ? 'stuckHintOperator' : 'stuckHint')} style={{ marginBottom: 12 }} />
      <Table<StuckCase>
        scroll={{ x: 'max-content' }}
        rowKey={(r) => `${r.case.id}-${r.activity}`}
        dataSource={stuck}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('caseNumber'),
            render: (_v, r) => (operator ? r.case.caseNumber : <Link to={`/cases/${r.case.id}`}>{r.case.caseNumber}</Link>),
          },
          ...(operator ? [] : [{ title: t('subjectName'), render: (_v: unknown, r: StuckCase) => r.case.subjectName }]),
          { title: t('stuckActivity'), render: (_v, r) => label(r.activity) },
          { title: t('stuckSince'), render: (_v, r) => dateTime(r.since) },
          { title: t('attempts'), dataIndex: 'attempts' },
          { title: t('lastError'), dataIndex: 'lastError', ellipsis: true },
        ]}
      />
    </Card>
  );
}
