import { Alert, Tag } from 'antd';
import type React from 'react';
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

/** The article a refusal names: details.rule, or one at the head of the message ("A2-12：…"). */
export const ruleOf = (err: unknown): string | null => {
  if (!(err instanceof ApiError)) return null;
  const rule = (err.details as { rule?: unknown } | undefined)?.rule;
  if (typeof rule === 'string') return rule;
  return /^(A\d+-\d+)/.exec(err.message)?.[1] ?? null;
};

const refusedRule: Text = { zh: '不符合规定（{rule}）', en: 'Not allowed ({rule})' };

/**
 * An error box for a refused action: the article as a red tag (403 / 422 with a rule), and a 412 as a warning in
 * plain words (`conflict`, or the general "changed by someone else").
 */
export function RuleErrorAlert({ error, testId, action, conflict }: { error: unknown; testId?: string; action?: React.ReactNode; conflict?: Text }) {
  const i18n = useI18n();
  if (!error) return null;
  const rule = ruleOf(error);
  const stale = error instanceof ApiError && (error.status === 412 || error.code === 'VERSION_MISMATCH');
  return (
    <Alert
      type={stale ? 'warning' : 'error'}
      showIcon
      data-testid={testId}
      data-rule={rule ?? undefined}
      data-status={error instanceof ApiError ? error.status : undefined}
      action={action}
      title={
        <>
          {rule && <Tag color="red">{i18n.t(refusedRule, { rule })}</Tag>}
          {stale && conflict ? i18n.t(conflict) : describeError(error, i18n)}
        </>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
