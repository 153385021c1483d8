// Rule data of an office (A1-16): loaded with its version, shown in a form, saved with If-Match; after a 412 the
// form shows what the other person saved. Shared by the reports and meetings rules pages.
import { App, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from './api.ts';
import { common, useI18n } from './i18n.tsx';
import { useQuery } from './use-query.ts';

export interface RulesResponse<R> {
  rules: R;
  /** null: this office's own; 'default': the built-in template; else the ancestor office it is inherited from. */
  inheritedFrom: string | null;
  version: number;
}

export function useOfficeRules<R extends object>(
  officeId: string,
  form: FormInstance<R>,
  api: { load(officeId: string): Promise<RulesResponse<R>>; save(officeId: string, rules: R, version: number): Promise<RulesResponse<R>> },
) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const loaded = useQuery(() => api.load(officeId), [officeId]);
  const [current, setCurrent] = useState<RulesResponse<R>>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!loaded.data) return;
    setCurrent(loaded.data);
    form.setFieldsValue(loaded.data.rules as Parameters<typeof form.setFieldsValue>[0]);
  }, [loaded.data, form]);

  const save = async (rules: R) => {
    if (!current) return;
    setBusy(true);
    try {
      const saved = await api.save(officeId, rules, current.version);
      setCurrent(saved);
      form.setFieldsValue(saved.rules as Parameters<typeof form.setFieldsValue>[0]);
      void message.success(t(common.saved));
    } catch (err) {
      // shown by the client; after a 412 the page shows what the other person saved
      if (err instanceof ApiError && err.code === 'VERSION_MISMATCH') void loaded.reload();
    } finally {
      setBusy(false);
    }
  };

  /** Where the rules come from, for the page's banner. */
  const source = !current ? null : current.inheritedFrom === null ? ('own' as const) : current.inheritedFrom === 'default' ? ('default' as const) : ('parent' as const);
  return { current, busy, save, source, error: loaded.error };
}
