import { Empty, Grid, Spin, Tooltip, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { TaskDetail, TaskSummary } from '../../../../shared/contracts/ledger.ts';
import { useI18n } from '../../../i18n.tsx';
import { todayInChina } from '../../../time.ts';
import { ledgerApi } from '../api.ts';
import { m, STATUS_LABELS } from '../messages.ts';
import { STATUS_COLORS } from './TaskStatusTag.tsx';

type Plan = Pick<TaskDetail, 'milestones'> & { created: string | null };

const DAY = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** The first day of each month in [from, to] (axis ticks). */
function monthStarts(from: number, to: number): number[] {
  const out: number[] = [];
  const d = new Date(from * DAY);
  // Date.UTC carries a month past December into the next year.
  for (let mo = d.getUTCMonth() + 1; mo < d.getUTCMonth() + 240; mo++) {
    const day = Date.UTC(d.getUTCFullYear(), mo, 1) / DAY;
    if (day > to) break;
    out.push(day);
  }
  return out;
}

/** Reads the tasks' milestones and creation dates (not in the list answer), four at a time, keeping what it has read. */
function usePlans(officeId: string, tasks: TaskSummary[]) {
  const cache = useRef(new Map<string, Plan>());
  const [, setTick] = useState(0);
  const [loading, setLoading] = useState(false);
  const key = tasks.map((x) => `${x.id}:${x.version}`).join(',');
  useEffect(() => {
    let live = true;
    const todo = tasks.filter((x) => !cache.current.has(`${x.id}:${x.version}`));
    if (!todo.length) return;
    setLoading(true);
    const queue = [...todo];
    const worker = async () => {
      for (let next = queue.shift(); next && live; next = queue.shift()) {
        try {
          const d = await ledgerApi.task(next.officeId, next.id);
          const first = d.history[0]?.at;
          cache.current.set(`${next.id}:${next.version}`, { milestones: d.milestones, created: first ? todayInChina(new Date(first)) : null });
          if (live) setTick((n) => n + 1);
        } catch {
          // the bar is drawn without milestones
        }
      }
    };
    void Promise.all([worker(), worker(), worker(), worker()]).finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // `key` names the tasks and versions
  }, [officeId, key]);
  return { plan: (x: TaskSummary) => cache.current.get(`${x.id}:${x.version}`), loading };
}

/**
 * 时间轴: the filtered tasks as bars from creation (or the first milestone, if earlier) to the deadline, milestones as
 * diamonds (red when missed), a red line for today, bars in the status colour filled to the percent done.
 */
export function TaskTimeline({ officeId, tasks, linkTo }: { officeId: string; tasks: TaskSummary[]; linkTo(task: TaskSummary): string }) {
  const { t } = useI18n();
  const narrow = !Grid.useBreakpoint().md;
  const { plan, loading } = usePlans(officeId, tasks);
  const today = dayNumber(todayInChina());

  const rows = tasks.map((x) => {
    const p = plan(x);
    const end = dayNumber(x.deadline);
    const starts = [p?.created, p?.milestones[0]?.dueDate].filter((d): d is string => Boolean(d)).map(dayNumber);
    const start = Math.min(starts.length ? Math.min(...starts) : Math.min(today, end), end);
    return { task: x, start, end, milestones: p?.milestones ?? [] };
  });
  const days = rows.flatMap((r) => [r.start, r.end, ...r.milestones.map((ms) => dayNumber(ms.dueDate))]).concat(today);
  const pad = Math.max(7, Math.round((Math.max(...days) - Math.min(...days)) * 0.03));
  const from = Math.min(...days) - pad;
  const to = Math.max(...days) + pad;

  if (!tasks.length) return <Empty description={t(m.noTasks)} />;
  const x = (day: number) => `${(((day - from) / (to - from)) * 100).toFixed(3)}%`;
  const months = monthStarts(from, to);
  const labelWidth = narrow ? 0 : 300;
  const everyOther = months.length > (narrow ? 6 : 14);

  const axis = (
    <div style={{ position: 'relative', height: 22, borderBottom: '1px solid #e5e6eb' }}>
      {months.map((d, i) =>
        everyOther && i % 2 ? null : (
          <span key={d} style={{ position: 'absolute', left: x(d), fontSize: 12, color: '#86909c', whiteSpace: 'nowrap', transform: 'translateX(2px)' }}>
            {dateOf(d).slice(0, 7)}
          </span>
        ),
      )}
    </div>
  );

  return (
    <div data-testid="task-timeline" style={{ background: '#fff', padding: narrow ? 8 : 16, borderRadius: 4 }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t(m.timelineHint)} {loading ? <Spin size="small" style={{ marginInlineStart: 8 }} /> : null}
      </Typography.Paragraph>
      <div style={{ display: 'flex' }}>
        {labelWidth > 0 && <div style={{ width: labelWidth, flex: 'none' }} />}
        <div style={{ flex: 1, minWidth: 0 }}>{axis}</div>
      </div>
      <div style={{ position: 'relative' }}>
        {/* grid lines and today, behind the rows */}
        <div aria-hidden style={{ position: 'absolute', inset: 0, left: labelWidth, pointerEvents: 'none' }}>
          {months.map((d) => (
            <div key={d} style={{ position: 'absolute', top: 0, bottom: 0, left: x(d), borderLeft: '1px dashed #f0f0f0' }} />
          ))}
          <div data-testid="timeline-today" title={`${t(m.today)} ${todayInChina()}`} style={{ position: 'absolute', top: 0, bottom: 0, left: x(today), borderLeft: '2px solid #f5222d', zIndex: 2 }} />
        </div>
        {rows.map(({ task, start, end, milestones }) => {
          const color = STATUS_COLORS[task.status];
          const tip = (
            <div>
              <div>
                {task.code} {task.title}
              </div>
              <div>
                {dateOf(start)} ~ {task.deadline} · {t(STATUS_LABELS[task.status])}
                {task.percent !== null ? ` · ${task.percent}%` : ''}
              </div>
            </div>
          );
          const label = (
            <Link
              to={linkTo(task)}
              style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: 13, position: 'relative', zIndex: 4, background: '#fff' }}
              title={`${task.code} ${task.title}`}
            >
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {task.code}
              </Typography.Text>{' '}
              {task.title}
            </Link>
          );
          return (
            <div key={task.id} data-testid="timeline-row" style={{ display: narrow ? 'block' : 'flex', alignItems: 'center', padding: '6px 0', borderBottom: '1px solid #f5f5f5' }}>
              {narrow ? label : <div style={{ width: labelWidth, flex: 'none', paddingInlineEnd: 12 }}>{label}</div>}
              <div style={{ position: 'relative', flex: 1, height: 18, marginTop: narrow ? 4 : 0 }}>
                <Tooltip title={tip}>
                  <div
                    style={{ position: 'absolute', left: x(start), width: `calc(${x(end)} - ${x(start)})`, minWidth: 3, top: 3, height: 12, borderRadius: 6, background: `${color}33`, border: `1px solid ${color}`, overflow: 'hidden' }}
                    data-status={task.status}
                  >
                    <div style={{ width: `${task.percent ?? 0}%`, height: '100%', background: color }} />
                  </div>
                </Tooltip>
                {milestones.map((ms) => (
                  <Tooltip key={ms.id} title={`${ms.title} · ${ms.dueDate}${ms.doneOn ? ` ✓ ${ms.doneOn}` : ms.missed ? ` · ${t(m.milestoneMissed)}` : ''}`}>
                    <div
                      data-testid="timeline-milestone"
                      data-missed={ms.missed}
                      style={{
                        position: 'absolute',
                        left: x(dayNumber(ms.dueDate)),
                        top: 3,
                        width: 11,
                        height: 11,
                        marginLeft: -5,
                        transform: 'rotate(45deg)',
                        background: ms.doneOn ? '#52c41a' : ms.missed ? '#f5222d' : '#fff',
                        border: `2px solid ${ms.doneOn ? '#389e0d' : ms.missed ? '#a8071a' : '#1f4e8c'}`,
                        zIndex: 3,
                      }}
                    />
                  </Tooltip>
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
