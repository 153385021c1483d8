import { Alert } from 'antd';
import { ApiError, validationIssues } from '../api.ts';
import { common, useI18n, type Text, type Vars } from '../i18n.tsx';

interface Translator {
  t(text: Text, vars?: Vars): string;
  localize(message: string): string;
}

/** One line for an API error, in the chosen language. */
export function describeError(err: unknown, { t, localize }: Translator): string {
  if (!(err instanceof ApiError)) return String(err);
  if (err.code === 'VERSION_MISMATCH') return t(common.versionMismatch);
  const issues = validationIssues(err);
  const head = localize(err.message);
  if (issues.length === 0) return head;
  return `${head}：${issues.map((i) => `${i.path ? `${i.path} ` : ''}${localize(i.message)}`).join('；')}`;
}

/** An inline error box for a form or page. */
export function ErrorAlert({ error, testId }: { error: unknown; testId?: string }) {
  const i18n = useI18n();
  if (!error) return null;
  return <Alert type="error" showIcon title={describeError(error, i18n)} data-testid={testId} style={{ marginBottom: 16 }} />;
}
