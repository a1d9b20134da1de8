// The working-day calendar (节假日安排): a year as twelve month grids. The administrator marks a day
// by clicking it, or imports the year from the State Council's notice as lines; saving first asks
// the server how many running cases' deadlines the save will move, and says so before it is done.
// Everyone else reads it.
import { Alert, App, Button, Card, InputNumber, Space, Tag, Typography, type ButtonProps } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { calendarYearSchema, type CalendarDay } from '../../../domain/schemas';
import { api, ApiError, type CalendarPreview, type CalendarSaved, type CalendarYearView } from '../api';
import { HolidayImportModal } from '../components/HolidayImportModal';
import { COLOURS, YearGrid } from '../components/YearGrid';
import { useI18n } from '../i18n';

type Days = Map<string, CalendarDay>;
const byDate = (days: CalendarDay[]): Days => new Map(days.map((d) => [d.date, d]));
const sameDays = (a: Days, b: Days) =>
  a.size === b.size && [...a].every(([k, d]) => b.get(k)?.kind === d.kind && b.get(k)?.name === d.name);

export function CalendarPage({ canEdit }: { canEdit: boolean }) {
  const { t, dateTime, date, message: say } = useI18n();
  const { modal, message } = App.useApp();
  // The year shown is in the address (?year=2027), so a reload or a link keeps it; by default the next year.
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2004 && asked <= 2100 ? asked : new Date().getFullYear() + 1;
  const setYear = (y: number) => setParams({ year: String(y) });
  const [view, setView] = useState<CalendarYearView | null>(null);
  const [draft, setDraft] = useState<Days>(new Map());
  const [errors, setErrors] = useState<string[]>([]);
  const [importing, setImporting] = useState(false);
  const busy = useRef(false);
  const saved = useMemo(() => byDate(view?.days ?? []), [view]);
  const dirty = !sameDays(draft, saved);

  const load = useCallback(async (y: number) => {
    const v = await api<CalendarYearView>('GET', `/api/calendar/${y}`);
    setView(v);
    setDraft(byDate(v.days));
    setErrors([]);
  }, []);
  useEffect(() => {
    void load(year);
  }, [year, load]);

  /** Changes the year shown, asking first where marks are not saved. */
  const goTo = (y: number | null) => {
    if (!y || y === year || y < 2004 || y > 2100) return;
    if (!dirty) return setYear(y);
    modal.confirm({
      title: t('calDiscardConfirm'),
      okText: t('calDiscard'),
      cancelText: t('confirmCancel'),
      okButtonProps: { danger: true },
      onOk: () => setYear(y),
    });
  };

  const mark = (iso: string, day: CalendarDay | null) => {
    setDraft((d) => {
      const next = new Map(d);
      if (day) next.set(iso, day);
      else next.delete(iso);
      return next;
    });
    setErrors([]);
  };

  /** Field errors of the year's days ("days.3.date") said with the day they concern. */
  const describeErrors = (list: { path: PropertyKey[]; code: string }[], days: CalendarDay[]) =>
    list.map((e) => {
      const i = e.path[0] === 'days' && typeof e.path[1] === 'number' ? e.path[1] : null;
      return i !== null && days[i] ? `${date(days[i].date)}：${say(e.code)}` : (say(e.code) ?? e.code);
    });

  const save = async () => {
    if (busy.current) return;
    busy.current = true;
    setErrors([]);
    const days = [...draft.values()].sort((a, b) => a.date.localeCompare(b.date));
    try {
      const checked = calendarYearSchema.safeParse({ year, days });
      if (!checked.success)
        return setErrors(
          describeErrors(
            checked.error.issues.map((i) => ({ path: i.path, code: i.message })),
            days,
          ),
        );
      const preview = await api<CalendarPreview>('POST', `/api/calendar/${year}/preview`, { days });
      await new Promise<void>((resolve) => {
        modal.confirm({
          title: t('calConfirmTitle', year),
          content: (
            <div data-testid="calendar-impact">
              <Typography.Paragraph strong style={{ marginBottom: 4 }}>
                {t('calRecompute', preview.cases)}
              </Typography.Paragraph>
              {preview.cases > 0 && (
                <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                  {t('calRecomputeDetail', preview.deadlines, preview.caseNumbers.join('、'))}
                  {preview.cases > preview.caseNumbers.length ? t('calAndMore') : ''}
                </Typography.Paragraph>
              )}
              {preview.unitDeadlines > 0 && (
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                  {t('calUnitDeadlines', preview.unitDeadlines)}
                </Typography.Paragraph>
              )}
            </div>
          ),
          okText: t('saveCalendar'),
          cancelText: t('confirmCancel'),
          okButtonProps: { 'data-testid': 'confirm-ok' } as ButtonProps,
          // The OK button stays busy until the answer: pressing it again sends nothing.
          onOk: async () => {
            try {
              const r = await api<CalendarSaved>('PUT', `/api/calendar/${year}`, { days });
              void message.success(r.casesNotified === null ? t('calendarSavedTelling') : t('calendarSaved', r.casesNotified));
              await load(year);
            } catch (e) {
              setErrors(fromServer(e, days));
            } finally {
              resolve();
            }
          },
          onCancel: () => resolve(),
        });
      });
    } catch (e) {
      setErrors(fromServer(e, days));
    } finally {
      busy.current = false;
    }
  };
  const fromServer = (e: unknown, days: CalendarDay[]) =>
    e instanceof ApiError && e.errors.length
      ? describeErrors(
          e.errors.map((f) => ({ path: f.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), code: f.code })),
          days,
        )
      : [e instanceof ApiError ? e.title : String(e)];

  const holidays = [...draft.values()].filter((d) => d.kind === 'HOLIDAY').length;
  return (
    <Card title={t('calendar')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap size="middle">
          <Space size={4}>
            <Typography.Text>{t('year')}</Typography.Text>
            <Button onClick={() => goTo(year - 1)} aria-label={t('calPrevYear')}>
              ‹
            </Button>
            <InputNumber aria-label={t('year')} min={2004} max={2100} value={year} onChange={(v) => goTo(v)} style={{ width: 84 }} />
            <Button onClick={() => goTo(year + 1)} aria-label={t('calNextYear')}>
              ›
            </Button>
          </Space>
          {view &&
            (view.entered ? (
              <Tag color="green" data-testid="calendar-status">
                {t('calendarEntered')} · {view.source === 'chinese-days' ? 'chinese-days' : view.updatedBy} · {dateTime(view.updatedAt)}
              </Tag>
            ) : (
              <Tag color="warning" data-testid="calendar-status">
                {t('calendarMissing')}
              </Tag>
            ))}
          <Typography.Text type="secondary" data-testid="calendar-counts">
            {t('calCounts', year, holidays, draft.size - holidays)}
          </Typography.Text>
        </Space>
        <Legend editing={canEdit} />
        <Typography.Text type="secondary">{canEdit ? t('calClickHint') : t('calReadOnly')}</Typography.Text>
        {canEdit && (
          <Space wrap>
            <Button type="primary" onClick={() => void save()} disabled={!dirty} data-testid="calendar-save">
              {t('saveCalendar')}
            </Button>
            <Button onClick={() => setImporting(true)}>{t('calImport')}</Button>
            {dirty && <Button onClick={() => setDraft(saved)}>{t('calDiscard')}</Button>}
          </Space>
        )}
        {dirty && <Alert type="warning" showIcon title={t('calUnsaved')} data-testid="calendar-unsaved" />}
        {errors.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={t('calErrors')}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            }
            data-testid="calendar-errors"
          />
        )}
        <YearGrid year={year} days={draft} saved={saved} onMark={canEdit ? mark : undefined} />
      </Space>
      {canEdit && (
        <HolidayImportModal
          year={year}
          open={importing}
          onCancel={() => setImporting(false)}
          onImport={(days) => {
            setDraft(byDate(days));
            setErrors([]);
            setImporting(false);
            void message.info(t('calImported', days.length));
          }}
        />
      )}
    </Card>
  );
}

/** What the marks mean. */
function Legend({ editing }: { editing: boolean }) {
  const { t } = useI18n();
  const chip = (background: string, border: string, badge: string | null, badgeColour?: string) => (
    <span
      style={{
        position: 'relative',
        display: 'inline-block',
        width: 22,
        height: 18,
        marginRight: 6,
        verticalAlign: 'middle',
        background,
        border: `1px ${border === COLOURS.changed ? 'dashed' : 'solid'} ${border}`,
        borderRadius: 3,
      }}
    >
      {badge && (
        <span
          style={{
            position: 'absolute',
            right: 0,
            top: 0,
            fontSize: 9,
            lineHeight: '11px',
            padding: '0 2px',
            color: '#fff',
            background: badgeColour,
          }}
        >
          {badge}
        </span>
      )}
    </span>
  );
  return (
    <Space wrap size="middle" style={{ fontSize: 13 }} data-testid="calendar-legend">
      <span>
        {chip(COLOURS.holiday.background, COLOURS.holiday.border, t('calOffBadge'), COLOURS.holiday.badge)}
        {t('calLegendHoliday')}
      </span>
      <span>
        {chip(COLOURS.makeUp.background, COLOURS.makeUp.border, t('calWorkBadge'), COLOURS.makeUp.badge)}
        {t('calLegendMakeUp')}
      </span>
      <span>
        {chip('#fafafa', '#f0f0f0', null)}
        <span style={{ color: COLOURS.weekend }}>{t('calLegendWeekend')}</span>
      </span>
      {editing && (
        <span>
          {chip('#fff', COLOURS.changed, null)}
          {t('calLegendChanged')}
        </span>
      )}
    </Space>
  );
}
