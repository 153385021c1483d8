// The submit of a dialog's form: validate, send, keep the dialog open with the server's error on failure, clear the
// form on success. Shared by the dialogs of the meetings and documents pages.
import type { FormInstance } from 'antd';
import { useState } from 'react';

export function useFormSubmit<V>(form: FormInstance<V>, send: (values: V) => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await send(values);
      form.resetFields();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return {
    busy,
    error,
    /** For Modal onOk: a failed validation stays on the form, a failed request shows in `error`. */
    submit: () => void run().catch(() => undefined),
    clearError: () => setError(null),
  };
}
