// The supervisor's dashboard (统计分析, 跟踪问效): the office's figures over a period of Beijing months
// as charts (@ant-design/plots, the statistical charts of @ant-design/charts, on G2) with their
// figures beside them; the figures exported to .xlsx and a month's report as PDF. The period lives
// in the address, so a reload or a shared link shows the same.
import { Bar, Column, Line } from '@ant-design/plots';
import { Button, Card, Col, DatePicker, Empty, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { api, type Dashboard } from '../api';
import { useI18n } from '../i18n';

const HEIGHT = 280;
/** Met in green, overdue in red, running in blue — as the deadline watch colours them. */
const OUTCOME_COLOURS = ['#52c41a', '#ff4d4f', '#1677ff'];
/** G2's own ten colours, for series that are neither good nor bad (lists, what a month did). */
const PALETTE = ['#1783FF', '#00C9C9', '#F0884D', '#D580FF', '#7863FF', '#60C42D', '#BD8F24', '#FF80CA', '#2491B3', '#17C76F'];
const STEP_COLOURS = ['#1677ff', '#bfbfbf'];

/**
 * A chart's key, as page text under it (G2's own legend measured Latin labels short and cut their
 * last letter): each series' name by its colour, readable and found like any text on the page.
 */
function Legend({ names, colours }: { names: string[]; colours: string[] }) {
  return (
    <Space wrap size={[16, 4]} style={{ fontSize: 12, marginTop: 4 }} data-testid="legend">
      {names.map((name, i) => (
        <span key={name}>
          <span
            style={{
              display: 'inline-block',
              width: 10,
              height: 10,
              borderRadius: 2,
              marginRight: 6,
              background: colours[i % colours.length],
            }}
          />
          {name}
        </span>
      ))}
    </Space>
  );
}
/** The colour scale that keeps each name on its colour in the key. */
const coloured = (names: string[], colours: string[]) => ({
  color: { domain: names, range: names.map((_, i) => colours[i % colours.length]!) },
});

function ChartCard({
  title,
  hint,
  testId,
  empty,
  children,
}: {
  title: string;
  hint?: string;
  testId: string;
  empty: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" title={title} data-testid={testId} style={{ height: '100%' }} styles={{ body: { overflow: 'hidden', minWidth: 0 } }}>
      {hint && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {hint}
        </Typography.Paragraph>
      )}
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.noData')} style={{ height: HEIGHT - 40 }} /> : children}
    </Card>
  );
}

export function DashboardPage() {
  const { t, label, locale, dateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const [d, setD] = useState<Dashboard | null>(null);
  const query = params.toString();
  useEffect(() => {
    setD(null);
    void api<Dashboard>('GET', `/api/dashboard?${query}`).then(setD);
  }, [query]);
  const [reportMonth, setReportMonth] = useState<dayjs.Dayjs | null>(null);
  const month = (m: string) => t('dash.monthName', m.slice(0, 4), Number(m.slice(5, 7)));
  // On a chart's axis a month is short (1月, Jan), with its year on the first month shown and on each January.
  const short = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'UTC', month: 'short' });
  const long = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'short' });
  const axisMonth = (m: string) => (m === d?.from || m.endsWith('-01') ? long : short).format(new Date(`${m}-01T00:00:00Z`));
  const monthAxis = { x: { labelFormatter: axisMonth, labelAutoRotate: false, labelAutoHide: true, title: false } };
  const monthTooltip = { title: (r: { month: string }) => month(r.month) };
  const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
  const sum = (pick: (m: Dashboard['months'][number]) => number) => d?.months.reduce((a, m) => a + pick(m), 0) ?? 0;
  const report = reportMonth?.format('YYYY-MM') ?? d?.to;

  const flowSeries = [t('dash.filed'), t('dash.listed'), t('dash.removed')];
  const deadlineSeries = [t('dash.met'), t('dash.overdue'), t('dash.running')];
  const outcomeSeries = [t('dash.upheldOrGranted'), t('dash.rejectedOrRefused'), t('dash.notAccepted')];
  const stepSeries = [t('dash.average'), t('dash.allowed')];
  const byState = (d?.byState ?? []).map((s) => ({
    state: label(s.state),
    list: locale === 'en' ? s.listTypeNameEn : s.listTypeName,
    count: s.count,
  }));
  const lists = [...new Set(byState.map((s) => s.list))];
  const flow = (d?.months ?? []).flatMap((m) => [
    { month: m.month, series: t('dash.filed'), value: m.filed },
    { month: m.month, series: t('dash.listed'), value: m.listed },
    { month: m.month, series: t('dash.removed'), value: m.removed },
  ]);
  const deadlines = (d?.months ?? []).flatMap((m) => [
    { month: m.month, outcome: t('dash.met'), value: m.deadlinesMet },
    { month: m.month, outcome: t('dash.overdue'), value: m.deadlinesOverdue },
    { month: m.month, outcome: t('dash.running'), value: m.deadlinesOpen },
  ]);
  const steps = (d?.steps ?? []).flatMap((s) => [
    { step: t(`dash.step.${s.step}`), series: t('dash.average'), days: s.averageWorkingDays },
    ...(s.allowedWorkingDays === null ? [] : [{ step: t(`dash.step.${s.step}`), series: t('dash.allowed'), days: s.allowedWorkingDays }]),
  ]);
  const outcomes = [
    { matter: t('dash.objections'), outcome: t('dash.upheldOrGranted'), value: sum((m) => m.objectionsUpheld) },
    { matter: t('dash.objections'), outcome: t('dash.rejectedOrRefused'), value: sum((m) => m.objectionsRejected) },
    { matter: t('dash.objections'), outcome: t('dash.notAccepted'), value: sum((m) => m.objectionsNotAccepted) },
    { matter: t('dash.repairs'), outcome: t('dash.upheldOrGranted'), value: sum((m) => m.repairsGranted) },
    { matter: t('dash.repairs'), outcome: t('dash.rejectedOrRefused'), value: sum((m) => m.repairsRefused) },
    { matter: t('dash.repairs'), outcome: t('dash.notAccepted'), value: sum((m) => m.repairsNotAccepted) },
  ];
  const units = (d?.units ?? []).map((u) => ({
    unit: u.departmentName,
    rate: u.feedbackRate === null ? 0 : Math.round(u.feedbackRate * 100),
  }));
  const onList = d?.byState.filter((s) => s.state === 'LISTED').reduce((a, s) => a + s.count, 0) ?? 0;

  const figures: [string, number, boolean][] = [
    ['filed', sum((m) => m.filed), false],
    ['listed', sum((m) => m.listed), false],
    ['removed', sum((m) => m.removed), false],
    ['overdue', sum((m) => m.deadlinesOverdue), true],
    ['onList', onList, false],
  ];
  const FIGURE_LABEL = {
    filed: 'dash.totalFiled',
    listed: 'dash.totalListed',
    removed: 'dash.totalRemoved',
    overdue: 'dash.totalOverdue',
    onList: 'dash.onList',
  } as const;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard">
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('dashboard')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('dash.hint')}</Typography.Text>
          <Space wrap size="middle">
            <span>
              {t('dash.scope')}：<b data-testid="dash-scope">{d ? (d.departmentName ?? t('dash.allDepartments')) : '—'}</b>
            </span>
            <Space wrap>
              <span>{t('dash.period')}</span>
              <DatePicker.RangePicker
                picker="month"
                allowClear={false}
                value={d ? [dayjs(`${d.from}-01`), dayjs(`${d.to}-01`)] : null}
                onChange={(v) => {
                  if (!v?.[0] || !v[1]) return;
                  setParams(new URLSearchParams({ from: v[0].format('YYYY-MM'), to: v[1].format('YYYY-MM') }));
                }}
                data-testid="dash-period"
              />
            </Space>
            <a href={`/api/dashboard/export.xlsx?${query}`} download data-testid="dash-export">
              <Button>{t('dash.exportXlsx')}</Button>
            </a>
            <Space wrap>
              <span>{t('dash.reportMonth')}</span>
              <DatePicker picker="month" allowClear={false} value={report ? dayjs(`${report}-01`) : null} onChange={setReportMonth} />
              <a href={`/api/dashboard/report.pdf?month=${report ?? ''}`} download data-testid="dash-report">
                <Button type="primary">{t('dash.reportPdf')}</Button>
              </a>
            </Space>
          </Space>
          {d && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('dash.generatedAt')}：{dateTime(d.generatedAt)}
            </Typography.Text>
          )}
        </Space>
      </Card>

      <Row gutter={[16, 16]}>
        {figures.map(([key, value, alert]) => (
          <Col key={key} xs={12} sm={8} lg={{ flex: '20%' }}>
            <Card size="small" loading={d === null} style={{ height: '100%' }}>
              <Statistic
                title={t(FIGURE_LABEL[key as keyof typeof FIGURE_LABEL])}
                value={value}
                styles={{ content: { color: alert && value > 0 ? '#cf1322' : undefined } }}
                data-testid={`figure-${key}`}
              />
            </Card>
          </Col>
        ))}
      </Row>

      {d === null ? (
        <Card loading />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <ChartCard title={t('dash.byState')} testId="chart-byState" empty={byState.length === 0}>
              <Bar
                data={byState}
                xField="state"
                yField="count"
                colorField="list"
                stack
                height={HEIGHT}
                style={{ maxWidth: 40 }}
                axis={{ x: { title: false }, y: { title: false, tickCount: 5 } }}
                scale={coloured(lists, PALETTE)}
                legend={false}
              />
              <Legend names={lists} colours={PALETTE} />
            </ChartCard>
          </Col>
          <Col xs={24} lg={12}>
            <ChartCard title={t('dash.flow')} testId="chart-flow" empty={false}>
              <Line
                data={flow}
                xField="month"
                yField="value"
                colorField="series"
                point
                height={HEIGHT}
                axis={monthAxis}
                tooltip={monthTooltip}
                scale={coloured(flowSeries, PALETTE)}
                legend={false}
              />
              <Legend names={flowSeries} colours={PALETTE} />
            </ChartCard>
          </Col>
          <Col xs={24} lg={12}>
            <ChartCard
              title={t('dash.deadlines')}
              hint={t('dash.deadlinesHint')}
              testId="chart-deadlines"
              empty={deadlines.every((r) => r.value === 0)}
            >
              <Column
                data={deadlines}
                xField="month"
                yField="value"
                colorField="outcome"
                stack
                height={HEIGHT}
                style={{ maxWidth: 32 }}
                axis={monthAxis}
                tooltip={monthTooltip}
                scale={coloured(deadlineSeries, OUTCOME_COLOURS)}
                legend={false}
              />
              <Legend names={deadlineSeries} colours={OUTCOME_COLOURS} />
            </ChartCard>
          </Col>
          <Col xs={24} lg={12}>
            <ChartCard title={t('dash.outcomes')} testId="chart-outcomes" empty={outcomes.every((r) => r.value === 0)}>
              <Column
                data={outcomes}
                xField="matter"
                yField="value"
                colorField="outcome"
                group
                height={HEIGHT}
                style={{ maxWidth: 48 }}
                axis={{ x: { title: false }, y: { title: false } }}
                scale={coloured(outcomeSeries, OUTCOME_COLOURS)}
                label={{ text: (r: { value: number }) => (r.value ? String(r.value) : ''), position: 'top' }}
                legend={false}
              />
              <Legend names={outcomeSeries} colours={OUTCOME_COLOURS} />
            </ChartCard>
          </Col>
          <Col xs={24}>
            <ChartCard title={t('dash.steps')} hint={t('dash.stepsHint')} testId="chart-steps" empty={steps.length === 0}>
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={12}>
                  <Bar
                    data={steps}
                    xField="step"
                    yField="days"
                    colorField="series"
                    group
                    height={HEIGHT}
                    axis={{ x: { title: false }, y: { title: false } }}
                    label={{ text: (r: { days: number }) => (r.days ? String(r.days) : ''), position: 'right', dx: 4 }}
                    scale={coloured(stepSeries, STEP_COLOURS)}
                    legend={false}
                  />
                  <Legend names={stepSeries} colours={STEP_COLOURS} />
                </Col>
                <Col xs={24} lg={12}>
                  <Table<Dashboard['steps'][number]>
                    size="small"
                    rowKey="step"
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                    dataSource={d.steps}
                    data-testid="steps-table"
                    columns={[
                      { title: t('dash.step'), dataIndex: 'step', render: (s: Dashboard['steps'][number]['step']) => t(`dash.step.${s}`) },
                      { title: t('dash.count'), dataIndex: 'count', align: 'right' },
                      { title: t('dash.average'), dataIndex: 'averageWorkingDays', align: 'right' },
                      { title: t('dash.max'), dataIndex: 'maxWorkingDays', align: 'right' },
                      { title: t('dash.allowed'), dataIndex: 'allowedWorkingDays', align: 'right', render: (v: number | null) => v ?? '—' },
                      {
                        title: t('dash.overdue'),
                        dataIndex: 'overdue',
                        align: 'right',
                        render: (v: number) => <span style={{ color: v ? '#cf1322' : undefined }}>{v}</span>,
                      },
                    ]}
                  />
                </Col>
              </Row>
            </ChartCard>
          </Col>
          <Col xs={24}>
            <ChartCard title={t('dash.units')} hint={t('dash.unitsHint')} testId="chart-units" empty={units.length === 0}>
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={10}>
                  <Bar
                    data={units}
                    xField="unit"
                    yField="rate"
                    height={Math.max(160, 44 * units.length + 60)}
                    scale={{ y: { domainMin: 0, domainMax: 100 } }}
                    axis={{ x: { title: false }, y: { title: `${t('dash.feedbackRate')} (%)` } }}
                    label={{ text: (r: { rate: number }) => (r.rate ? `${r.rate}%` : ''), position: 'right', dx: 4 }}
                    style={{ fill: '#1677ff', maxWidth: 24 }}
                  />
                </Col>
                <Col xs={24} lg={14}>
                  <Table<Dashboard['units'][number]>
                    size="small"
                    rowKey="departmentId"
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                    dataSource={d.units}
                    data-testid="units-table"
                    columns={[
                      { title: t('dash.unit'), dataIndex: 'departmentName' },
                      { title: t('dash.pushes'), dataIndex: 'pushes', align: 'right' },
                      { title: t('dash.acknowledged'), dataIndex: 'acknowledged', align: 'right' },
                      { title: t('dash.feedbackAsked'), dataIndex: 'feedbackAsked', align: 'right' },
                      { title: t('dash.fedBack'), dataIndex: 'fedBack', align: 'right' },
                      { title: t('dash.fedBackInTime'), dataIndex: 'fedBackInTime', align: 'right' },
                      {
                        title: t('dash.unitOverdue'),
                        dataIndex: 'overdue',
                        align: 'right',
                        render: (v: number) => <span style={{ color: v ? '#cf1322' : undefined }}>{v}</span>,
                      },
                      { title: t('dash.feedbackRate'), dataIndex: 'feedbackRate', align: 'right', render: percent },
                    ]}
                  />
                </Col>
              </Row>
            </ChartCard>
          </Col>
        </Row>
      )}
    </Space>
  );
}
