// What a party may do on its case, in plain words: a statement (陈述申辩) before the listing, an
// objection (异议) to what is listed, credit repair (信用修复) once eligible — which is open now and
// until when, how long the office has to answer, and the materials each needs.
import { Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import type { CaseDetail } from '../api';
import { useI18n } from '../i18n';

export function PartyGuide({ c }: { c: CaseDetail }) {
  const { t, date } = useI18n();
  const open = new Set((c.procedure?.steps ?? []).map((s) => s.step));
  const inNotice = c.deadlineKind === 'NOTICE_PERIOD' && c.deadlineDate !== null;
  const ways = [
    {
      key: 'statement',
      title: t('statements'),
      now: open.has('fileStatement'),
      when: inNotice ? t('guideStatementUntil', date(c.deadlineDate!)) : t('guideStatementWhen', c.policy.noticeWorkingDays),
      what: t('guideStatementWhat'),
      answer: t('guideStatementAnswer', c.policy.statementReviewWorkingDays),
      materials: t('guideStatementMaterials'),
    },
    {
      key: 'objection',
      title: t('guideObjection'),
      now: open.has('fileObjection'),
      when: t('guideObjectionWhen'),
      what: t('guideObjectionWhat'),
      answer: t('guideObjectionAnswer', c.policy.objectionVerificationWorkingDays),
      materials: t('guideObjectionMaterials'),
    },
    {
      key: 'repair',
      title: t('repairs'),
      now: open.has('applyForRepair'),
      when: c.unrepairable
        ? t('unrepairable')
        : c.repairEligibleFrom
          ? t('guideRepairFrom', date(c.repairEligibleFrom))
          : t('guideRepairWhen'),
      what: t('guideRepairWhat'),
      answer: t('guideRepairAnswer', c.policy.repairDecisionWorkingDays),
      materials: t('guideRepairMaterials'),
    },
  ];
  return (
    <Card size="small" type="inner" title={t('guideTitle')} data-testid="party-guide">
      <Row gutter={[12, 12]}>
        {ways.map((w) => (
          <Col key={w.key} xs={24} lg={8}>
            <Card
              size="small"
              data-testid={`guide-${w.key}`}
              title={w.title}
              extra={w.now ? <Tag color="green">{t('guideOpenNow')}</Tag> : <Tag>{t('guideNotNow')}</Tag>}
              style={{ height: '100%', ...(w.now ? { borderColor: '#95de64' } : {}) }}
            >
              <Typography.Paragraph style={{ marginBottom: 8 }}>{w.what}</Typography.Paragraph>
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'when', label: t('guideWhen'), children: w.when },
                  { key: 'materials', label: t('guideMaterials'), children: w.materials },
                  { key: 'answer', label: t('guideAnswer'), children: w.answer },
                ]}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        {t('remediesNotice')}
      </Typography.Text>
    </Card>
  );
}
