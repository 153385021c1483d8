// Loads data for a page: the latest answer wins, errors are kept for the page to show (the client already toasts them).
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api.ts';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): Promise<void>;
}

export function useQuery<T>(load: () => Promise<T>, deps: readonly unknown[]): QueryState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const next = await loadRef.current();
      if (mine === seq.current) {
        setData(next);
        setError(undefined);
      }
    } catch (err) {
      if (mine === seq.current) setError(err instanceof ApiError ? err : new ApiError(0, 'INTERNAL', String(err)));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
    // The caller names what the load depends on.
  }, deps);

  return { data, error, loading, reload };
}
