// The home page (工作台): what waits for this user — each count a link to where it is done — the
// nearest deadlines and the department's recent activity; a caseworker's common actions.
import { Button, Card, Col, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type Me, type Workbench } from '../api';
import { useI18n } from '../i18n';
import { StuckCases } from '../components/StuckCases';

type Item = Workbench['counts'][number]['item'];
/** Where each count is worked through. */
const WHERE: Record<Item, string> = {
  AWAITING_APPROVAL: '/cases?state=AWAITING_NOTICE_APPROVAL,AWAITING_DECISION_APPROVAL',
  DRAFT_RETURNED: '/cases?state=DRAFT_RETURNED',
  AWAITING_SERVICE: '/cases?state=AWAITING_NOTICE_SERVICE,AWAITING_DECISION_SERVICE',
  IN_REVIEW: '/cases?state=IN_REVIEW',
  OBJECTIONS_OPEN: '/deadlines',
  REPAIRS_OPEN: '/deadlines',
  OVERDUE: '/deadlines?overdue=true',
  UNIT_OVERDUE: '/deadlines',
  TO_ACKNOWLEDGE: '/inbox?acknowledged=false',
  TO_FEED_BACK: '/inbox',
  // The administrator's own: listed on its workbench, below.
  STUCK: '/#stuck',
  FAILED_DELIVERIES: '/units',
  MY_CASES: '/cases',
  LISTED: '/cases?state=LISTED',
};

export function WorkbenchPage({ me }: { me: Me }) {
  const { t, label, date, dateTime } = useI18n();
  const navigate = useNavigate();
  const [w, setW] = useState<Workbench | null>(null);
  useEffect(() => {
    void api<Workbench>('GET', '/api/workbench').then(setW);
  }, []);
  const staff = me.role === 'CASEWORKER' || me.role === 'SUPERVISOR';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="workbench">
      {me.role === 'CASEWORKER' && (
        <Card size="small" title={t('quickActions')}>
          <Space wrap>
            <Button type="primary" onClick={() => navigate('/cases/new')}>
              {t('newCase')}
            </Button>
            <Button onClick={() => navigate('/red-listings/new')}>{t('newRedListing')}</Button>
          </Space>
        </Card>
      )}
      <Card
        size="small"
        title={t('waiting')}
        loading={w === null}
        extra={
          (staff || me.role === 'ADMINISTRATOR') && (
            <Link to="/dashboard" data-testid="open-dashboard">
              {t('dash.open')}
            </Link>
          )
        }
      >
        <Row gutter={[16, 16]}>
          {w?.counts.map((c) => (
            <Col key={c.item} xs={12} sm={8} lg={6}>
              <Link to={WHERE[c.item]} data-testid={`todo-${c.item}`}>
                <Card size="small" hoverable>
                  <Statistic title={t(`wb.${c.item}`)} value={c.count} styles={{ content: { color: c.alert ? '#cf1322' : undefined } }} />
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
      {me.role === 'ADMINISTRATOR' && <StuckCases operator />}
      {staff && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('nearestDeadlines')} extra={<Link to="/deadlines">{t('seeAll')}</Link>}>
              <List
                dataSource={w?.deadlines ?? []}
                locale={{ emptyText: t('deadlineNone') }}
                renderItem={(d) => (
                  <List.Item>
                    <Space wrap>
                      <Link to={`/cases/${d.case.id}`}>{d.case.caseNumber}</Link>
                      <span>{d.case.subjectName}</span>
                      <Tag>{label(d.kind)}</Tag>
                      <Tag color={d.overdue ? 'red' : d.workingDaysLeft <= 2 ? 'orange' : 'blue'}>
                        {date(d.dueDate)}
                        {d.overdue ? ` · ${t('overdue')}` : ''}
                      </Tag>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('recentActivity')}>
              <List
                dataSource={w?.recent ?? []}
                locale={{ emptyText: t('noRecentActivity') }}
                renderItem={(e) => (
                  <List.Item>
                    <Typography.Text type="secondary">{dateTime(e.at)}</Typography.Text>{' '}
                    <Link to={`/cases/${e.caseId}`}>{e.caseNumber}</Link> {label(e.action)} · {e.actorName}
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
