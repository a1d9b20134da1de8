// Every list of the desk works the same way (案件、期限、收件箱、审计): its search form lives in the
// address, so a workbench count opens it filtered and a reload or a shared link shows the same; the
// rows are paged and sorted on the server with their total; and the export takes every row the
// search finds, not just the page.
import { Alert, Button, DatePicker, Form, Grid, Select, Space, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { Paged } from '../../../domain/api';
import { api, ApiError, type Reference } from '../api';
import { useI18n } from '../i18n';

/**
 * How a field of the search form is held in the address: a text, one code, several codes
 * (comma-separated), a yes-only flag (a checkbox), or a range of days (`from`, `to`).
 */
export type FilterKind = 'text' | 'code' | 'codes' | 'flag' | 'days';
export type Filters = Record<string, FilterKind>;

type FormValue = string | string[] | boolean | [dayjs.Dayjs, dayjs.Dayjs] | null | undefined;

/** The search form's values as an address's query holds them. */
function formValues(filters: Filters, params: URLSearchParams): Record<string, FormValue> {
  const values: Record<string, FormValue> = {};
  for (const [name, kind] of Object.entries(filters)) {
    const v = params.get(name) ?? undefined;
    if (kind === 'days')
      values[name] = params.get('from') && params.get('to') ? [dayjs(params.get('from')), dayjs(params.get('to'))] : undefined;
    else if (kind === 'codes') values[name] = v?.split(',').filter(Boolean) ?? [];
    else if (kind === 'flag') values[name] = v === 'true';
    else values[name] = kind === 'text' ? (v ?? '') : v;
  }
  return values;
}

/** A list read from `path` with the address's query: the page found, and what the table and the form need. */
export function useServerList<Row>(
  path: string,
  filters: Filters,
  options: { sort: string; order: 'asc' | 'desc'; total: (n: number) => string },
) {
  const [params, setParams] = useSearchParams();
  const query = params.toString();
  const [page, setPage] = useState<Paged<Row> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const read = useCallback(() => api<Paged<Row>>('GET', `${path}?${query}`), [path, query]);
  const failed = (e: unknown) => {
    setError(e instanceof ApiError ? e.title : String(e));
    setPage({ total: 0, page: 1, pageSize: 20, rows: [] });
  };
  // A new search shows it is loading; a reload after a change (an acknowledgement) keeps the rows in place.
  useEffect(() => {
    let current = true;
    setPage(null);
    setError(null);
    read()
      .then((p) => current && setPage(p))
      .catch((e: unknown) => current && failed(e));
    return () => {
      current = false;
    };
  }, [read]);
  /** Reads the same page again, resolving once it is shown. */
  const reload = async () => {
    try {
      setPage(await read());
    } catch (e) {
      failed(e);
    }
  };

  /** Sets some of the query (an empty value removes it); a new search starts at its first page. */
  const update = (changes: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes))
      if (v) next.set(k, v);
      else next.delete(k);
    if (!keepPage) next.delete('page');
    setParams(next);
  };
  /** The form's values as the address holds them. */
  const initial = useMemo(() => formValues(filters, params), [filters, params]);
  /** The form's values with no filter set: what a reset shows at once. */
  const blank = useMemo(() => formValues(filters, new URLSearchParams()), [filters]);
  const search = (values: Record<string, FormValue>) => {
    const changes: Record<string, string | undefined> = {};
    for (const [name, kind] of Object.entries(filters)) {
      const v = values[name];
      if (kind === 'days') {
        const days = v as [dayjs.Dayjs, dayjs.Dayjs] | null | undefined;
        changes.from = days?.[0]?.format('YYYY-MM-DD');
        changes.to = days?.[1]?.format('YYYY-MM-DD');
      } else if (kind === 'codes') changes[name] = (v as string[] | undefined)?.join(',');
      else if (kind === 'flag') changes[name] = v ? 'true' : undefined;
      else changes[name] = typeof v === 'string' ? v.trim() : undefined;
    }
    update(changes);
  };
  const filtered = Object.entries(filters).some(([name, kind]) =>
    kind === 'days' ? params.get('from') || params.get('to') : params.get(name),
  );
  const sort = params.get('sort') ?? options.sort;
  const order = (params.get('order') ?? options.order) === 'asc' ? 'ascend' : 'descend';
  /** A sortable column's order as the table shows it. */
  const sortOrder = (field: string) => (sort === field ? order : null);
  const table: TableProps<Row> = {
    loading: page === null,
    dataSource: page?.rows ?? [],
    scroll: { x: 'max-content' },
    pagination: {
      current: page?.page ?? Number(params.get('page') ?? 1),
      pageSize: page?.pageSize ?? Number(params.get('pageSize') ?? 20),
      total: page?.total ?? 0,
      showSizeChanger: true,
      showTotal: options.total,
    },
    onChange: (p, _f, sorter) => {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = s?.order ? String(s.field) : undefined;
      update(
        {
          page: String(p.current ?? 1),
          pageSize: String(p.pageSize ?? 20),
          sort: field,
          order: field ? (s!.order === 'ascend' ? 'asc' : 'desc') : undefined,
        },
        true,
      );
    },
  };
  return {
    page,
    error,
    query,
    filtered,
    initial,
    blank,
    search,
    reset: () => setParams(new URLSearchParams()),
    reload,
    sortOrder,
    table,
    /** Every row the search finds, as .xlsx. */
    exportHref: `${path}/export.xlsx?${query}`,
  };
}

/** A list's search form: its fields, then search, reset and the export of everything found. */
export function SearchForm({
  list,
  testId,
  children,
  exportable = true,
}: {
  list: Pick<ReturnType<typeof useServerList>, 'initial' | 'blank' | 'search' | 'reset' | 'exportHref' | 'error'>;
  testId: string;
  children: ReactNode;
  /** Whether the list offers its export (.xlsx). */
  exportable?: boolean;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  // The fields follow the address (back and forward, a link) — but not again once they show what it
  // holds: a reset clears them at once, and the address catching up a moment later must not clear
  // what the user has begun typing since.
  const shown = useRef(JSON.stringify(list.initial));
  useEffect(() => {
    const values = JSON.stringify(list.initial);
    if (values === shown.current) return;
    shown.current = values;
    form.setFieldsValue(list.initial);
  }, [form, list.initial]);
  // On a phone the labels stand above their fields, and every field fits the screen.
  const phone = Grid.useBreakpoint().md === false;
  return (
    <>
      <Form
        form={form}
        layout={phone ? 'vertical' : 'inline'}
        onFinish={list.search}
        initialValues={list.initial}
        data-testid={testId}
        style={{ rowGap: 8 }}
      >
        {children}
        <Space wrap>
          <Button type="primary" htmlType="submit">
            {t('search')}
          </Button>
          <Button
            onClick={() => {
              // Not resetFields(): that restores the values the form was mounted with (the
              // address's filters then), not empty ones.
              form.setFieldsValue(list.blank);
              shown.current = JSON.stringify(list.blank);
              list.reset();
            }}
          >
            {t('reset')}
          </Button>
          {/* Every row the search finds, not just this page. */}
          {exportable && (
            <a href={list.exportHref} download data-testid="export">
              <Button>{t('exportXlsx')}</Button>
            </a>
          )}
        </Space>
      </Form>
      {list.error && <Alert type="error" showIcon title={list.error} data-testid="search-refused" />}
    </>
  );
}

/** The list types of the catalogue, read once per page. */
export function useReference(): Reference | null {
  const [reference, setReference] = useState<Reference | null>(null);
  useEffect(() => {
    void api<Reference>('GET', '/api/reference').then(setReference);
  }, []);
  return reference;
}

/** The search form's choice of a list type, by its name in the user's language. */
export function ListTypeField({ reference }: { reference: Reference | null }) {
  const { t, locale } = useI18n();
  return (
    <Form.Item name="listType" label={t('listType')}>
      <Select
        allowClear
        style={{ width: 240 }}
        options={reference?.listTypes.map((l) => ({ value: l.code, label: locale === 'en' ? l.nameEn : l.name }))}
      />
    </Form.Item>
  );
}

/** A range of days in the search form, held as `from` and `to` in the address. */
export function DaysField({ label }: { label: string }) {
  return (
    <Form.Item name="days" label={label}>
      <DatePicker.RangePicker />
    </Form.Item>
  );
}
