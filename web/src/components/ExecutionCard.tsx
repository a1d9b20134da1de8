// The execution of a listing's measures: for the office, each unit's acknowledgement, deadlines and
// feedback per measure and subject; for the party, which measures restrain it now and which were lifted.
import { Card, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, type PartyMeasure, type UnitExecution } from '../api';
import { useI18n } from '../i18n';
import { FeedbackTargetsTable } from './FeedbackTargetsTable';

/** `revision` changes when the case does (its timeline grows), and the view is read again. */
export function ExecutionCard({ caseId, revision }: { caseId: string; revision: number }) {
  const { t, label, dateTime } = useI18n();
  const [units, setUnits] = useState<UnitExecution[]>([]);
  useEffect(() => {
    void api<UnitExecution[]>('GET', `/api/cases/${caseId}/execution`).then(setUnits);
  }, [caseId, revision]);
  if (units.length === 0) return null;
  return (
    <Card title={t('execution')} data-testid="execution">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {units.map((u) => (
          <Card key={u.department} size="small" type="inner" title={u.department}>
            <div data-testid="unit-deadlines">
              {u.pushes.map((p) => (
                <Tag
                  key={p.id}
                  color={p.acknowledgementOverdue || p.feedbackOverdue ? 'red' : p.feedbackDoneAt || !p.feedbackBy ? 'green' : 'blue'}
                >
                  {label(p.kind)} · {p.status === 'ACKNOWLEDGED' ? t('acknowledged') : t('pending')}
                  {p.acknowledgementOverdue && ` · ${t('ackOverdue')}`}
                  {p.feedbackOverdue && ` · ${t('feedbackOverdue')}`}
                  {p.feedbackBy && !p.feedbackDoneAt && !p.feedbackOverdue && ` · ${dateTime(p.feedbackBy)}`}
                  {p.feedbackDoneAt && ` · ${t('feedbackDone')}`}
                </Tag>
              ))}
            </div>
            <FeedbackTargetsTable targets={u.targets} testIdPrefix="office-latest" showRecorder />
          </Card>
        ))}
      </Space>
    </Card>
  );
}

export function MyMeasuresCard({ caseId, revision }: { caseId: string; revision: number }) {
  const { t, label, date, dateTime } = useI18n();
  const [rows, setRows] = useState<PartyMeasure[]>([]);
  useEffect(() => {
    void api<PartyMeasure[]>('GET', `/api/cases/${caseId}/my-measures`).then(setRows);
  }, [caseId, revision]);
  if (rows.length === 0) return null;
  return (
    <Card title={t('myMeasures')} data-testid="my-measures">
      <Table
        size="small"
        rowKey="measureId"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('measures'), dataIndex: 'content' },
          { title: t('cooperatingUnitShort'), dataIndex: 'implementingDepartment' },
          {
            title: t('standing'),
            render: (_v, r) => (
              <Tag color={r.standing === 'LIFTED' ? 'green' : r.standing === 'SUSPENDED' ? 'orange' : 'red'}>{label(r.standing)}</Tag>
            ),
          },
          { title: t('listedAt'), render: (_v, r) => dateTime(r.since) },
          {
            title: t('liftedByUnit'),
            render: (_v, r) =>
              [r.liftedAt ? dateTime(r.liftedAt) : '', r.liftedByUnitOn ? `${t('liftedByUnit')} ${date(r.liftedByUnitOn)}` : '']
                .filter(Boolean)
                .join('；'),
          },
        ]}
      />
    </Card>
  );
}
