import type { TablePaginationConfig } from 'antd';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from './i18n.tsx';
import { useApi } from './use-api.ts';

// Every list page: filters, search and page live in the URL (back button and links work), the
// server pages and filters, the table shows one page.

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ListQuery<T> {
  filters: Record<string, string | undefined>;
  /** set (or clear with undefined/'') filters; goes back to page 1 */
  setFilters: (patch: Record<string, string | number | undefined | null>) => void;
  reset: () => void;
  data: Page<T> | undefined;
  error: ReturnType<typeof useApi>['error'];
  reload: () => void;
  tableProps: {
    dataSource: T[];
    loading: boolean;
    rowKey: string;
    pagination: TablePaginationConfig;
  };
}

export function useListQuery<T>(
  path: string | null,
  filterKeys: readonly string[],
  opts: { pageSize?: number; fixed?: Record<string, string | number> } = {},
): ListQuery<T> {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const defaultSize = opts.pageSize ?? 20;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? defaultSize) || defaultSize;

  const filters = useMemo(() => {
    const f: Record<string, string | undefined> = {};
    for (const k of filterKeys) f[k] = params.get(k) ?? undefined;
    return f;
  }, [params, filterKeys]);

  const { data, error, loading, reload } = useApi<Page<T>>(path, { ...opts.fixed, ...filters, page, pageSize });

  const setFilters = useCallback(
    (patch: Record<string, string | number | undefined | null>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const reset = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);

  const onPage = useCallback(
    (p: number, size: number) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        next.set('page', String(size !== pageSize ? 1 : p));
        if (size !== defaultSize) next.set('pageSize', String(size));
        else next.delete('pageSize');
        return next;
      });
    },
    [setParams, pageSize, defaultSize],
  );

  return {
    filters,
    setFilters,
    reset,
    data,
    error,
    reload,
    tableProps: {
      dataSource: data?.items ?? [],
      loading,
      rowKey: 'id',
      pagination: {
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (n) => t('total', { n }),
        onChange: onPage,
      },
    },
  };
}
