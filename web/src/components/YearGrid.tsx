// A year as twelve month grids, weeks from Monday as a Chinese wall calendar has them: a statutory
// holiday marked 休 with its name, a make-up working day 班, weekends in red. An administrator clicks
// a day to mark it in a small popover; everyone else reads it.
import { AutoComplete, Button, Card, Col, Form, Popover, Radio, Row, Space, Typography } from 'antd';
import { useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { STATUTORY_HOLIDAYS } from '../../../domain/holiday-import';
import { calendarDayIssue, calendarDaySchema, type CalendarDay } from '../../../domain/schemas';
import { useI18n } from '../i18n';

export const COLOURS = {
  holiday: { background: '#fff1f0', border: '#ffa39e', badge: '#cf1322' },
  makeUp: { background: '#f0f0f0', border: '#bfbfbf', badge: '#434343' },
  weekend: '#cf1322',
  changed: '#1677ff',
};

const pad = (n: number) => String(n).padStart(2, '0');
const weekdayOf = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
const isWeekend = (iso: string) => [0, 6].includes(weekdayOf(iso));

/** The weekday's name and the month's title in the user's language (Intl, as dates are). */
function useNames() {
  const { locale } = useI18n();
  return useMemo(() => {
    const tag = locale === 'en' ? 'en-GB' : 'zh-CN';
    const weekday = new Intl.DateTimeFormat(tag, { weekday: 'long', timeZone: 'UTC' });
    const narrow = new Intl.DateTimeFormat(tag, { weekday: locale === 'en' ? 'short' : 'narrow', timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat(tag, { month: locale === 'en' ? 'long' : 'numeric', timeZone: 'UTC' });
    // 2024-01-01 was a Monday.
    const header = Array.from({ length: 7 }, (_, i) => narrow.format(new Date(Date.UTC(2024, 0, 1 + i))));
    return {
      header,
      weekday: (iso: string) => weekday.format(new Date(`${iso}T00:00:00Z`)),
      month: (year: number, m: number) => month.format(new Date(Date.UTC(year, m, 1))),
    };
  }, [locale]);
}

interface Props {
  year: number;
  days: ReadonlyMap<string, CalendarDay>;
  /** The days as saved, to show which marks are not saved yet. */
  saved: ReadonlyMap<string, CalendarDay>;
  /** Where given, a click on a day opens the popover that marks it (administrator). */
  onMark?: (date: string, day: CalendarDay | null) => void;
}

export function YearGrid({ year, days, saved, onMark }: Props) {
  const names = useNames();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Row gutter={[12, 12]} data-testid="year-grid">
      {Array.from({ length: 12 }, (_, m) => (
        <Col key={m} xs={24} sm={12} lg={8}>
          <Card size="small" title={names.month(year, m)} styles={{ body: { padding: 8 } }} style={{ height: '100%' }} data-month={m + 1}>
            <table style={{ width: '100%', tableLayout: 'fixed', borderCollapse: 'separate', borderSpacing: 2 }}>
              <thead>
                <tr>
                  {names.header.map((w, i) => (
                    <th key={w} scope="col" style={{ fontWeight: 'normal', fontSize: 12, color: i >= 5 ? COLOURS.weekend : '#8c8c8c' }}>
                      {w}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {monthWeeks(year, m).map((week) => (
                  <tr key={week.find(Boolean)}>
                    {week.map((iso, i) => (
                      <td key={iso ?? `blank-${i}`} style={{ padding: 0, verticalAlign: 'top' }}>
                        {iso && (
                          <DayCell
                            iso={iso}
                            day={days.get(iso) ?? null}
                            changed={!sameDay(days.get(iso), saved.get(iso))}
                            weekday={names.weekday(iso)}
                            open={open === iso}
                            onOpen={onMark ? (o) => setOpen(o ? iso : null) : undefined}
                            onMark={
                              onMark &&
                              ((day) => {
                                onMark(iso, day);
                                setOpen(null);
                              })
                            }
                          />
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** The month's days in week rows from Monday, null where a row starts before or ends after the month. */
function monthWeeks(year: number, m: number): (string | null)[][] {
  const lead = (new Date(Date.UTC(year, m, 1)).getUTCDay() + 6) % 7;
  const length = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
  const cells = [...Array<null>(lead).fill(null), ...Array.from({ length }, (_, d) => `${year}-${pad(m + 1)}-${pad(d + 1)}`)];
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

const sameDay = (a: CalendarDay | undefined, b: CalendarDay | undefined) => a?.kind === b?.kind && a?.name === b?.name;

function DayCell({
  iso,
  day,
  changed,
  weekday,
  open,
  onOpen,
  onMark,
}: {
  iso: string;
  day: CalendarDay | null;
  changed: boolean;
  weekday: string;
  open: boolean;
  onOpen?: (open: boolean) => void;
  onMark?: (day: CalendarDay | null) => void;
}) {
  const { t, date } = useI18n();
  const holiday = day?.kind === 'HOLIDAY';
  const makeUp = day?.kind === 'MAKEUP_WORKDAY';
  const colour = holiday ? COLOURS.holiday : makeUp ? COLOURS.makeUp : null;
  const badge = holiday ? t('calOffBadge') : makeUp ? t('calWorkBadge') : null;
  const description = [date(iso), weekday, day?.name, holiday ? t('calLegendHoliday') : makeUp ? t('calLegendMakeUp') : null]
    .filter(Boolean)
    .join(' ');
  const style: CSSProperties = {
    minHeight: 44,
    padding: '2px 0 0',
    border: `1px ${changed ? 'dashed' : 'solid'} ${changed ? COLOURS.changed : (colour?.border ?? 'transparent')}`,
    borderRadius: 4,
    background: colour?.background ?? (isWeekend(iso) ? '#fafafa' : '#fff'),
    textAlign: 'center',
    font: 'inherit',
    lineHeight: 1.2,
    cursor: onOpen ? 'pointer' : 'default',
    width: '100%',
    overflow: 'hidden',
  };
  // The badge sits at the number's top right, as on a Chinese wall calendar, beside it rather than over it.
  const content: ReactNode = (
    <>
      <span style={{ display: 'block', whiteSpace: 'nowrap', fontSize: 14 }}>
        <span style={{ color: isWeekend(iso) && !makeUp ? COLOURS.weekend : 'rgba(0,0,0,0.88)' }}>{Number(iso.slice(8))}</span>
        {badge && (
          <span
            aria-hidden
            style={{
              display: 'inline-block',
              marginLeft: 1,
              padding: '0 2px',
              fontSize: 9,
              lineHeight: '12px',
              verticalAlign: 'top',
              color: '#fff',
              background: colour!.badge,
              borderRadius: 2,
            }}
          >
            {badge}
          </span>
        )}
      </span>
      <span
        style={{ display: 'block', fontSize: 10, color: '#595959', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
      >
        {day?.name ?? '\u00a0'}
      </span>
    </>
  );
  if (!onOpen || !onMark) {
    return (
      <div data-date={iso} data-kind={day?.kind ?? ''} title={description} aria-label={description} style={style}>
        {content}
      </div>
    );
  }
  return (
    <Popover
      open={open}
      onOpenChange={onOpen}
      trigger="click"
      destroyOnHidden
      title={`${date(iso)} ${weekday}`}
      content={<MarkDay iso={iso} day={day} onMark={onMark} onCancel={() => onOpen(false)} />}
    >
      <button type="button" data-date={iso} data-kind={day?.kind ?? ''} title={description} aria-label={description} style={style}>
        {content}
      </button>
    </Popover>
  );
}

type Mark = 'ORDINARY' | CalendarDay['kind'];

/** The popover's form: ordinary day, holiday or make-up working day, and the holiday's name. */
function MarkDay({
  iso,
  day,
  onMark,
  onCancel,
}: {
  iso: string;
  day: CalendarDay | null;
  onMark: (day: CalendarDay | null) => void;
  onCancel: () => void;
}) {
  const { t, message } = useI18n();
  const [kind, setKind] = useState<Mark>(day?.kind ?? 'HOLIDAY');
  const [name, setName] = useState(day?.name ?? '');
  const [error, setError] = useState<string | undefined>();
  const weekend = isWeekend(iso);
  const ok = () => {
    if (kind === 'ORDINARY') return onMark(null);
    const parsed = calendarDaySchema.safeParse({ date: iso, kind, name });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    const issue = calendarDayIssue(Number(iso.slice(0, 4)), parsed.data);
    if (issue) return setError(issue);
    onMark(parsed.data);
  };
  return (
    <Form layout="vertical" style={{ width: 240 }} onFinish={ok} data-testid="mark-day">
      <Form.Item style={{ marginBottom: 8 }}>
        <Radio.Group
          value={kind}
          onChange={(e) => setKind(e.target.value as Mark)}
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
        >
          <Radio value="HOLIDAY">{t('calLegendHoliday')}</Radio>
          <Radio value="MAKEUP_WORKDAY" disabled={!weekend}>
            {t('calLegendMakeUp')}
          </Radio>
          <Radio value="ORDINARY">{t('calDayOrdinary')}</Radio>
        </Radio.Group>
        {!weekend && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('calMakeUpWeekendOnly')}
          </Typography.Text>
        )}
      </Form.Item>
      {kind !== 'ORDINARY' && (
        <Form.Item
          label={kind === 'HOLIDAY' ? t('holidayName') : t('calMakeUpFor')}
          htmlFor={`mark-${iso}-name`}
          validateStatus={error ? 'error' : undefined}
          help={error ? message(error) : undefined}
          style={{ marginBottom: 8 }}
        >
          <AutoComplete
            id={`mark-${iso}-name`}
            value={name}
            onChange={(v: string) => {
              setName(v);
              setError(undefined);
            }}
            options={STATUTORY_HOLIDAYS.map((n) => ({ value: n }))}
            filterOption={(input, option) => !input || String(option?.value).includes(input)}
          />
        </Form.Item>
      )}
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button size="small" onClick={onCancel}>
          {t('confirmCancel')}
        </Button>
        <Button size="small" type="primary" htmlType="submit" data-testid="mark-ok">
          {t('confirmOk')}
        </Button>
      </Space>
    </Form>
  );
}
