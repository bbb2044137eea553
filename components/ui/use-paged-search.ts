'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ListPage } from './list-page';

/**
 * A server-searched, forward-paged list: the server renders the first page; typing searches again
 * (debounced, the term kept in `?q=` so a reload or a shared link shows the same list), "more"
 * appends the next page. Answers to an older search are dropped.
 */
export function usePagedSearch<Row extends { id: string }>({
  initialSearch,
  initialPage,
  fetchPage,
  delayMs = 200,
}: {
  initialSearch: string;
  initialPage: ListPage<Row> | null;
  fetchPage(search: string, after: string | null): Promise<ListPage<Row> | null>;
  delayMs?: number;
}) {
  const [search, setSearch] = useState(initialSearch);
  const [page, setPage] = useState<ListPage<Row> | null>(initialPage);
  const [state, setState] = useState<'ready' | 'loading' | 'error'>(initialPage ? 'ready' : 'error');
  const [more, setMore] = useState<'idle' | 'loading' | 'error'>('idle');
  const ticket = useRef(0);
  const first = useRef(true);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const mine = ++ticket.current;
    setState('loading');
    const timer = setTimeout(async () => {
      const url = new URL(window.location.href);
      if (search.trim()) url.searchParams.set('q', search.trim());
      else url.searchParams.delete('q');
      window.history.replaceState(null, '', `${url.pathname}${url.search}`);
      const next = await fetchRef.current(search, null);
      if (mine !== ticket.current) return;
      setPage(next);
      setMore('idle');
      setState(next ? 'ready' : 'error');
    }, delayMs);
    return () => clearTimeout(timer);
  }, [search, delayMs]);

  const loadMore = useCallback(async () => {
    if (!page?.hasNext || more === 'loading') return;
    const mine = ticket.current;
    setMore('loading');
    const next = await fetchRef.current(search, page.endCursor);
    if (mine !== ticket.current) return;
    if (!next) {
      setMore('error');
      return;
    }
    setPage({ rows: [...page.rows, ...next.rows.filter((r) => !page.rows.some((x) => x.id === r.id))], endCursor: next.endCursor, hasNext: next.hasNext });
    setMore('idle');
  }, [page, more, search]);

  const retry = useCallback(() => {
    const mine = ++ticket.current;
    setState('loading');
    void fetchRef.current(search, null).then((next) => {
      if (mine !== ticket.current) return;
      setPage(next);
      setState(next ? 'ready' : 'error');
    });
  }, [search]);

  return { search, setSearch, page, rows: page?.rows ?? [], state, more, loadMore, retry };
}

