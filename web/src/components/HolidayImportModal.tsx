// The import of a year's schedule as lines (domain/holiday-import.ts): pasted or typed, read as it
// is typed, each line shown with the days it makes or its error. Taking it replaces the page's
// marks for the year; nothing is saved until the administrator saves the year.
import { Alert, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useMemo, useState } from 'react';
import { parseHolidaySchedule, type ImportLine } from '../../../domain/holiday-import';
import type { CalendarDay } from '../../../domain/schemas';
import { useI18n } from '../i18n';

const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** A line's days as runs of consecutive days of one kind and name: "2027年1月1日–2027年1月3日". */
function runs(days: CalendarDay[]): { from: string; to: string; kind: CalendarDay['kind']; name: string; count: number }[] {
  const out: { from: string; to: string; kind: CalendarDay['kind']; name: string; count: number }[] = [];
  for (const d of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    const last = out.at(-1);
    if (last && last.kind === d.kind && last.name === d.name && nextDay(last.to) === d.date) {
      last.to = d.date;
      last.count++;
    } else out.push({ from: d.date, to: d.date, kind: d.kind, name: d.name, count: 1 });
  }
  return out;
}

export function HolidayImportModal({
  year,
  open,
  onCancel,
  onImport,
}: {
  year: number;
  open: boolean;
  onCancel: () => void;
  onImport: (days: CalendarDay[]) => void;
}) {
  const { t, date, message } = useI18n();
  const [text, setText] = useState('');
  const result = useMemo(() => parseHolidaySchedule(text, year), [text, year]);
  const holidays = result.days.filter((d) => d.kind === 'HOLIDAY').length;
  const makeUps = result.days.length - holidays;
  const describe = (l: ImportLine) => {
    if (l.error) {
      return (
        <Typography.Text type="danger" data-line-error={l.line}>
          {message(l.error)}
        </Typography.Text>
      );
    }
    if (l.skipped) return <Typography.Text type="secondary">{t('calImportSkipped')}</Typography.Text>;
    return runs(l.days).map((r) => (
      <div key={r.from}>
        {r.from === r.to ? date(r.from) : `${date(r.from)} – ${date(r.to)}`}{' '}
        <Typography.Text strong type={r.kind === 'HOLIDAY' ? 'danger' : undefined}>
          {r.kind === 'HOLIDAY' ? t('calOffBadge') : t('calWorkBadge')}
        </Typography.Text>{' '}
        {r.name}
        {r.count > 1 ? t('calDaysCount', r.count) : ''}
      </div>
    ));
  };
  return (
    <Modal
      open={open}
      title={t('calImportTitle', year)}
      width={760}
      okText={t('calImportApply')}
      cancelText={t('confirmCancel')}
      okButtonProps={{ disabled: result.hasErrors || result.days.length === 0, 'data-testid': 'import-ok' } as ButtonProps}
      onOk={() => {
        onImport(result.days);
        setText('');
      }}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-line', fontSize: 13 }}>
        {t('calImportHelp')}
      </Typography.Paragraph>
      <Input.TextArea
        aria-label={t('calImportText')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 6, maxRows: 14 }}
        placeholder={t('calImportPlaceholder', year)}
        style={{ fontFamily: 'monospace' }}
      />
      {result.lines.length > 0 && (
        <>
          <Alert
            style={{ margin: '12px 0' }}
            type={result.hasErrors ? 'error' : 'info'}
            showIcon
            title={result.hasErrors ? t('calImportHasErrors') : `${t('calImportSummary', holidays, makeUps)} ${t('calImportReplaces')}`}
            data-testid="import-summary"
          />
          <ol style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 340, overflowY: 'auto' }} data-testid="import-lines">
            {result.lines.map((l) => (
              <li
                key={l.line}
                style={{
                  padding: '6px 8px',
                  borderBottom: '1px solid #f0f0f0',
                  borderLeft: `3px solid ${l.error ? '#ff4d4f' : l.skipped ? '#f0f0f0' : '#95de64'}`,
                }}
              >
                <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                  {t('calImportLine', l.line)} · {l.text}
                </Typography.Text>
                {describe(l)}
              </li>
            ))}
          </ol>
        </>
      )}
    </Modal>
  );
}
