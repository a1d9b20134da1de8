// The supervisor's dashboard (统计分析, 跟踪问效): the office's figures over a period of Beijing months,
// exported to .xlsx, and a month's report as a PDF (案例报送) — for the staff of a department, their
// department's cases; for an administrator, every department's.
import { Router, type Request } from 'express';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Db } from '../../activities/db';
import { renderReport } from '../../activities/documents/render';
import { dashboardQuerySchema, dashboardReportQuerySchema, dashboardSchema, type Dashboard } from '../../domain/api';
import { translate, translateCode, type TextKey } from '../../domain/i18n';
import { SOURCE_DOCUMENTS } from '../../domain/policy';
import { shanghaiDate, shanghaiDateTime } from '../../domain/workdays';
import type { Prisma } from '../../generated/prisma/client';
import type { SessionUser } from '../auth';
import { addMonths, casesOfMonth, dashboardFigures, type Period } from '../dashboard';
import { endpoint } from '../endpoints';
import { localeOf, zodProblem } from '../problem';

/** At most three years of months at a time. */
const MAX_MONTHS = 36;

/** Whose figures: a department's staff see their department's cases, an administrator every department's. */
const scopeOf = (user: SessionUser): Prisma.CaseWhereInput =>
  user.role === 'ADMINISTRATOR' ? {} : { departmentId: user.departmentId ?? '-' };

function periodOf(req: Request): Period {
  const parsed = dashboardQuerySchema.safeParse(req.query);
  if (!parsed.success) throw zodProblem(req, parsed.error);
  const to = parsed.data.to ?? shanghaiDate(new Date()).slice(0, 7);
  const from = parsed.data.from ?? addMonths(to, -11);
  if (from > to || addMonths(from, MAX_MONTHS - 1) < to)
    throw zodProblem(req, new z.ZodError([{ code: 'custom', path: ['from'], message: 'invalid', input: from }]));
  return { from, to };
}

/** The words of the dashboard, in the user's language. */
function wordsOf(req: Request) {
  const locale = localeOf(req);
  const t = (key: TextKey<'ui'>, ...args: (string | number)[]) => translate(locale, 'ui', key, ...args);
  const label = (code: string) => translateCode(locale, 'label', code) ?? code;
  const monthName = (m: string) => t('dash.monthName', m.slice(0, 4), Number(m.slice(5, 7)));
  const listTypeName = (row: { listTypeName: string; listTypeNameEn: string }) => (locale === 'en' ? row.listTypeNameEn : row.listTypeName);
  const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
  return { locale, t, label, monthName, listTypeName, percent };
}

/** The tables of the figures, as the sheet and the report print them. */
function tablesOf(d: Dashboard, w: ReturnType<typeof wordsOf>) {
  const { t, label, monthName, listTypeName, percent } = w;
  return {
    byState: {
      columns: [t('dash.state'), t('dash.listType'), t('dash.listKind'), t('dash.count')],
      rows: d.byState.map((r) => [label(r.state), listTypeName(r), label(r.listKind), r.count]),
      widths: [2.5, 4, 3, 1],
    },
    months: {
      columns: [
        t('dash.month'),
        t('dash.filed'),
        t('dash.listed'),
        t('dash.removed'),
        t('dash.deadlinesMet'),
        t('dash.deadlinesOverdue'),
        t('dash.deadlinesRunning'),
        t('dash.objectionsUpheld'),
        t('dash.objectionsRejected'),
        t('dash.objectionsNotAccepted'),
        t('dash.repairsGranted'),
        t('dash.repairsRefused'),
        t('dash.repairsNotAccepted'),
      ],
      rows: d.months.map((m) => [
        monthName(m.month),
        m.filed,
        m.listed,
        m.removed,
        m.deadlinesMet,
        m.deadlinesOverdue,
        m.deadlinesOpen,
        m.objectionsUpheld,
        m.objectionsRejected,
        m.objectionsNotAccepted,
        m.repairsGranted,
        m.repairsRefused,
        m.repairsNotAccepted,
      ]),
    },
    steps: {
      columns: [t('dash.step'), t('dash.count'), t('dash.average'), t('dash.max'), t('dash.allowed'), t('dash.overdue')],
      rows: d.steps.map((s) => [
        t(`dash.step.${s.step}`),
        s.count,
        s.averageWorkingDays,
        s.maxWorkingDays,
        s.allowedWorkingDays ?? '—',
        s.overdue,
      ]),
      widths: [4, 1, 1.5, 1.5, 1.5, 1],
    },
    units: {
      columns: [
        t('dash.unit'),
        t('dash.pushes'),
        t('dash.acknowledged'),
        t('dash.feedbackAsked'),
        t('dash.fedBack'),
        t('dash.fedBackInTime'),
        t('dash.unitOverdue'),
        t('dash.feedbackRate'),
      ],
      rows: d.units.map((u) => [
        u.departmentName,
        u.pushes,
        u.acknowledged,
        u.feedbackAsked,
        u.fedBack,
        u.fedBackInTime,
        u.overdue,
        percent(u.feedbackRate),
      ]),
      widths: [4, 1, 1, 1, 1, 1, 1, 1.2],
    },
  };
}

export function dashboardRoutes(db: Db): Router {
  const r = Router();
  const staff = ['CASEWORKER', 'SUPERVISOR', 'ADMINISTRATOR'] as const;
  const figures = async (req: Request, period: Period): Promise<Dashboard> => ({
    departmentName: req.user!.role === 'ADMINISTRATOR' ? null : req.user!.departmentName,
    ...(await dashboardFigures(db, scopeOf(req.user!), period)),
  });

  endpoint(
    r,
    {
      method: 'get',
      path: '/dashboard',
      tag: 'dashboard',
      roles: staff,
      // Figures only: no one's record.
      access: false,
      query: dashboardQuerySchema,
      response: dashboardSchema,
      summary: [
        '统计分析：按月统计的案件、期限、各环节用时、异议和修复结果、配合单位反馈',
        "The dashboard: cases, deadlines, working days per step, objections and repairs decided, the units' feedback, by month",
      ],
    },
    async (req, res) => {
      res.json(await figures(req, periodOf(req)));
    },
  );

  endpoint(
    r,
    {
      method: 'get',
      path: '/dashboard/export.xlsx',
      tag: 'dashboard',
      roles: staff,
      access: { kind: 'DASHBOARD_EXPORT' },
      query: dashboardQuerySchema,
      response: 'file',
      summary: ['导出统计数据（.xlsx）', 'Export the figures (.xlsx)'],
    },
    async (req, res) => {
      const period = periodOf(req);
      const d = await figures(req, period);
      const w = wordsOf(req);
      const { t } = w;
      const tables = tablesOf(d, w);
      const book = new ExcelJS.Workbook();
      book.creator = d.departmentName ?? t('dash.allDepartments');
      const range = `${w.monthName(d.from)}–${w.monthName(d.to)}`;
      const sheets: [TextKey<'ui'>, { columns: string[]; rows: (string | number)[][] }][] = [
        ['dash.flow', tables.months],
        ['dash.byState', tables.byState],
        ['dash.steps', tables.steps],
        ['dash.units', tables.units],
      ];
      for (const [title, table] of sheets) {
        // A sheet's name is at most 31 characters, without : \ / ? * [ ].
        const sheet = book.addWorksheet(
          t(title)
            .replace(/[:\\/?*[\]]/g, ' ')
            .slice(0, 31),
        );
        sheet.addRow([`${t('dash.scope')}：${d.departmentName ?? t('dash.allDepartments')}`]);
        sheet.addRow([`${t('dash.period')}：${range}`, `${t('dash.generatedAt')}：${shanghaiDateTime(new Date(d.generatedAt))}`]);
        sheet.addRow([]);
        const header = sheet.addRow(table.columns);
        header.font = { bold: true };
        header.alignment = { wrapText: true, vertical: 'middle' };
        for (const row of table.rows) sheet.addRow(row);
        sheet.columns.forEach((c, i) => (c.width = i === 0 ? 30 : 14));
        sheet.views = [{ state: 'frozen', ySplit: 4 }];
      }
      res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(`${t('dash.exportName')}-${d.from}-${d.to}.xlsx`)}`,
      );
      await book.xlsx.write(res);
      res.end();
    },
  );

  endpoint(
    r,
    {
      method: 'get',
      path: '/dashboard/report.pdf',
      tag: 'dashboard',
      roles: staff,
      // The month's report names the cases listed and removed.
      access: { kind: 'DASHBOARD_REPORT' },
      query: dashboardReportQuerySchema,
      response: 'pdf',
      summary: ['月度报告（跟踪问效、案例报送，PDF）', 'The monthly report (tracking and case reporting), as PDF'],
    },
    async (req, res) => {
      const parsed = dashboardReportQuerySchema.safeParse(req.query);
      if (!parsed.success) throw zodProblem(req, parsed.error);
      const { month } = parsed.data;
      const d = await figures(req, { from: month, to: month });
      const cases = await casesOfMonth(db, scopeOf(req.user!), month);
      const w = wordsOf(req);
      const { t, label, monthName } = w;
      const tables = tablesOf(d, w);
      const [m] = d.months;
      const lists = new Map((await db.listType.findMany()).map((l) => [l.code, w.locale === 'en' ? l.nameEn : l.name]));
      const office = d.departmentName ?? t('dash.allDepartments');
      const onList = d.byState.filter((s) => s.state === 'LISTED').reduce((a, s) => a + s.count, 0);
      const day = (at: Date | null) => (at ? shanghaiDate(at) : '');
      const pdf = await renderReport({
        title: t('dash.report.title'),
        subtitle: monthName(month),
        author: office,
        lines: [
          t('dash.report.office', office),
          t('dash.report.period', monthName(month)),
          t('dash.report.generated', shanghaiDateTime(new Date(d.generatedAt))),
        ],
        sections: [
          {
            heading: t('dash.report.summary'),
            columns: [t('dash.report.item'), t('dash.count')],
            widths: [3, 1],
            empty: t('dash.report.none'),
            rows: m
              ? [
                  [t('dash.filed'), m.filed],
                  [t('dash.listed'), m.listed],
                  [t('dash.removed'), m.removed],
                  [t('dash.report.onList'), onList],
                  [t('dash.deadlinesMet'), m.deadlinesMet],
                  [t('dash.deadlinesOverdue'), m.deadlinesOverdue],
                  [t('dash.deadlinesRunning'), m.deadlinesOpen],
                  [t('dash.objectionsUpheld'), m.objectionsUpheld],
                  [t('dash.objectionsRejected'), m.objectionsRejected],
                  [t('dash.objectionsNotAccepted'), m.objectionsNotAccepted],
                  [t('dash.repairsGranted'), m.repairsGranted],
                  [t('dash.repairsRefused'), m.repairsRefused],
                  [t('dash.repairsNotAccepted'), m.repairsNotAccepted],
                ]
              : [],
          },
          { heading: t('dash.report.byState'), empty: t('dash.report.none'), ...tables.byState },
          { heading: t('dash.report.steps'), empty: t('dash.noData'), ...tables.steps },
          { heading: t('dash.report.units'), empty: t('dash.noData'), ...tables.units },
          {
            heading: t('dash.report.listedCases'),
            columns: [t('dash.caseNumber'), t('dash.subjectName'), t('dash.listType'), t('dash.listedOn')],
            widths: [3, 3.5, 3.5, 1.8],
            empty: t('dash.report.none'),
            rows: cases.listed.map((c) => [c.caseNumber, c.subjectName, lists.get(c.listType) ?? c.listType, day(c.listedAt)]),
          },
          {
            heading: t('dash.report.removedCases'),
            columns: [t('dash.caseNumber'), t('dash.subjectName'), t('dash.listType'), t('dash.removedOn'), t('dash.removalKind')],
            widths: [3, 3, 3, 1.8, 1.8],
            empty: t('dash.report.none'),
            rows: cases.removed.map((c) => [
              c.caseNumber,
              c.subjectName,
              lists.get(c.listType) ?? c.listType,
              day(c.removedAt),
              c.removalKind ? label(c.removalKind) : '',
            ]),
          },
        ],
        notes: [t('dash.report.basis', SOURCE_DOCUMENTS['003']!, SOURCE_DOCUMENTS['004']!), t('dash.stepsHint')],
      });
      res
        .type('application/pdf')
        .set(
          'Content-Disposition',
          `attachment; filename="report.pdf"; filename*=UTF-8''${encodeURIComponent(`${t('dash.reportName')}-${month}.pdf`)}`,
        )
        .set('Cache-Control', 'no-store')
        .send(pdf);
    },
  );
  return r;
}
