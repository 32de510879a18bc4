import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { SearchResult } from '#shared/search';
import { get } from '../../lib/api';

/** Below this many characters the box only filters the list; no results panel. */
export const MIN_CHARS = 2;
const PER_SECTION = 6;

/** Search results for what is typed, debounced; the previous results stay while the next load. */
export function useSearch(text: string) {
  const [q, setQ] = useState(text.trim());
  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), 150);
    return () => clearTimeout(t);
  }, [text]);
  const enabled = q.length >= MIN_CHARS;
  const query = useQuery({
    queryKey: ['search', q],
    queryFn: () => get<SearchResult>(`/search?q=${encodeURIComponent(q)}&limit=${PER_SECTION}`),
    enabled,
    staleTime: 15_000,
    placeholderData: keepPreviousData,
  });
  return { q, enabled, ...query };
}
