// Objections and repair applications on a listing: their state, reasons and results, and the
// remedies the party is told of — as the party, the office and the units read them.
import { Card, Tag, Typography } from 'antd';
import type { CaseDetail, Me } from '../api';
import { useI18n } from '../i18n';
import { Receipt } from './CaseSections';

/** Objections and repair applications with their state, reasons and results — what the party is told. */
export function MattersCard({ c }: { c: CaseDetail; me: Me }) {
  const { t, label, dateTime, option, stepText } = useI18n();
  if (c.objections.length === 0 && c.repairApplications.length === 0) return null;
  return (
    <Card title={`${t('objections')} / ${t('repairs')}`} data-testid="matters">
      {c.objections.map((o) => (
        <Typography.Paragraph key={o.id} data-testid="objection" data-state={o.state}>
          <Tag>{t('objections')}</Tag>
          <Tag color="blue">{label(o.state)}</Tag>
          {o.overdue && <Tag color="red">{t('overdue')}</Tag>}
          {o.measuresSuspended && o.state === 'IN_VERIFICATION' && <Tag color="orange">{t('suspended')}</Tag>}
          {dateTime(o.filedAt)} · {o.filedByName}（{label(o.source)}）
          <div data-testid="objection-concerns">
            {stepText('fileObjection', 'concerns')}：{option('fileObjection', 'concerns', o.concerns)}
          </div>
          {o.grounds}
          {o.refusalReasons && <div>{o.refusalReasons}</div>}
          {o.remedy && <div>{label(o.remedy)}</div>}
          {o.correction && <div>{o.correction}</div>}
          {o.outcomeReasons && <div>{o.outcomeReasons}</div>}
          {(o.state === 'REJECTED' || o.state === 'NOT_ACCEPTED') && (
            <Typography.Text type="secondary">{t('remediesNotice')}</Typography.Text>
          )}
          <Receipt receipt={o.receipt} filedAt={o.filedAt} />
        </Typography.Paragraph>
      ))}
      {c.repairApplications.map((r) => (
        <Typography.Paragraph key={r.id} data-testid="repair" data-state={r.state}>
          <Tag>{t('repairs')}</Tag>
          <Tag color="blue">{label(r.state)}</Tag>
          {r.overdue && <Tag color="red">{t('overdue')}</Tag>}
          {dateTime(r.filedAt)} · {r.filedByName}
          <br />
          {r.correctionProof}
          {r.otherMethods.length > 0 && <div>{r.otherMethods.map((m) => label(m)).join('、')}</div>}
          {r.refusalReasons && <div>{r.refusalReasons}</div>}
          {r.extensionReason && (
            <div>
              {t('extend')}：{r.extensionReason}
            </div>
          )}
          {r.decisionReasons && <div>{r.decisionReasons}</div>}
          {(r.state === 'REFUSED' || r.state === 'NOT_ACCEPTED') && (
            <Typography.Text type="secondary">{t('remediesNotice')}</Typography.Text>
          )}
          <Receipt receipt={r.receipt} filedAt={r.filedAt} />
        </Typography.Paragraph>
      ))}
    </Card>
  );
}
