// The side menu: the current office's pages, then the admin pages the account's duty opens.
import { ApartmentOutlined, AuditOutlined, BarChartOutlined, CommentOutlined, ContainerOutlined, FileDoneOutlined, InboxOutlined, UploadOutlined, DashboardOutlined, ProfileOutlined, ScheduleOutlined, CalendarOutlined, ClusterOutlined, FileTextOutlined, FormOutlined, ContactsOutlined, HistoryOutlined, SafetyOutlined, SwapOutlined, TeamOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { defineMessages, type Text } from '../i18n.tsx';
import { hasAbility, type SessionOffice } from '../session.tsx';
import type { Session } from '../../shared/contracts/auth.ts';

export const nav = defineMessages({
  roster: { zh: '名册', en: 'Roster' },
  directory: { zh: '通讯录', en: 'Directory' },
  appointments: { zh: '任免记录', en: 'Appointments' },
  people: { zh: '人员', en: 'People' },
  delegations: { zh: '委托', en: 'Delegations' },
  admin: { zh: '系统管理', en: 'Administration' },
  accounts: { zh: '账号管理', en: 'Accounts' },
  security: { zh: '安全策略', en: 'Security policy' },
  audit: { zh: '审计日志', en: 'Audit trail' },
  reports: { zh: '季度汇报', en: 'Quarterly reports' },
  myReports: { zh: '本单位季度汇报', en: 'My unit’s reports' },
  childReports: { zh: '下级汇报完成率', en: 'County completion' },
  calendar: { zh: '工作日历', en: 'Working days' },
  ledger: { zh: '任务台账', en: 'Task ledger' },
  ledgerDashboard: { zh: '督办驾驶舱', en: 'Task dashboard' },
  myTasks: { zh: '我的任务', en: 'My tasks' },
  meetings: { zh: '会议', en: 'Meetings' },
  meetingCompliance: { zh: '会议制度执行', en: 'Meeting cadence' },
  documents: { zh: '公文', en: 'Documents' },
  receivedDocuments: { zh: '收到的公文', en: 'Received' },
  incoming: { zh: '收文', en: 'Incoming' },
  submissions: { zh: '报送', en: 'Submissions' },
});

type Item = { key: string; icon: ReactNode; label: Text };

export function officePages(officeId: string): Item[] {
  const base = `/offices/${officeId}`;
  return [
    { key: `${base}/roster`, icon: <ApartmentOutlined />, label: nav.roster },
    { key: `${base}/directory`, icon: <ContactsOutlined />, label: nav.directory },
    { key: `${base}/appointments`, icon: <HistoryOutlined />, label: nav.appointments },
    { key: `${base}/people`, icon: <TeamOutlined />, label: nav.people },
    { key: `${base}/delegations`, icon: <SwapOutlined />, label: nav.delegations },
  ];
}

/** A1-10 quarterly reports: the office's quarters (readers), the unit's own (liaison officers), the counties (a parent office). */
export function reportPages(session: Session, office: SessionOffice): Item[] {
  const base = `/offices/${office.id}/reports`;
  const out: Item[] = [];
  if (office.abilities.includes('report.read')) out.push({ key: base, icon: <FileTextOutlined />, label: nav.reports });
  if (office.abilities.includes('report.submit')) out.push({ key: `${base}/my`, icon: <FormOutlined />, label: nav.myReports });
  if (office.abilities.includes('report.read') && session.offices.some((o) => o.parentId === office.id)) out.push({ key: `${base}/children`, icon: <ClusterOutlined />, label: nav.childReports });
  return out;
}

/**
 * The reform task ledger (A1-6, A1-9): ledger and dashboard for readers; 我的任务 for a liaison or information officer
 * (ledger.update with a unit post here — the office's own staff hold ledger.update too, but have no unit's tasks).
 */
export function ledgerPages(session: Session, office: SessionOffice): Item[] {
  const base = `/offices/${office.id}`;
  const out: Item[] = [];
  if (office.abilities.includes('ledger.read')) out.push({ key: `${base}/ledger`, icon: <ProfileOutlined />, label: nav.ledger }, { key: `${base}/ledger-dashboard`, icon: <DashboardOutlined />, label: nav.ledgerDashboard });
  const unitPost = session.posts.some((p) => p.officeId === office.id && p.unitId && (p.post === 'liaison_officer' || p.post === 'information_officer'));
  if (office.abilities.includes('ledger.update') && (unitPost || !office.abilities.includes('ledger.manage'))) out.push({ key: `${base}/my-tasks`, icon: <ScheduleOutlined />, label: nav.myTasks });
  return out;
}

/** Meetings and minutes (A1-8, A2-6) and their cadence: gated like the server's reads (meeting.read, parents read-only). */
export function meetingPages(office: SessionOffice): Item[] {
  const base = `/offices/${office.id}`;
  if (!office.abilities.includes('meeting.read')) return [];
  return [
    { key: `${base}/meetings`, icon: <CommentOutlined />, label: nav.meetings },
    { key: `${base}/meeting-compliance`, icon: <BarChartOutlined />, label: nav.meetingCompliance },
  ];
}

/**
 * Official documents (A2-12) and incoming items (A2-11), gated like the server's reads: 公文 and 收到的公文
 * (document.read), 收文 (incoming.read: the office's desk), 报送 (incoming.submit: liaison officers, county desks).
 */
export function documentPages(session: Session, office: SessionOffice): Item[] {
  const base = `/offices/${office.id}`;
  const out: Item[] = [];
  // 报送 goes to this office (a unit's liaison officer) or, from a county desk, to the parent office.
  const submits = office.abilities.includes('incoming.submit') && (office.parentId !== null || session.posts.some((p) => p.officeId === office.id && p.post === 'liaison_officer'));
  if (office.abilities.includes('document.read')) out.push({ key: `${base}/documents`, icon: <FileDoneOutlined />, label: nav.documents }, { key: `${base}/documents/received`, icon: <InboxOutlined />, label: nav.receivedDocuments });
  if (office.abilities.includes('incoming.read')) out.push({ key: `${base}/incoming`, icon: <ContainerOutlined />, label: nav.incoming });
  if (submits) out.push({ key: `${base}/submissions`, icon: <UploadOutlined />, label: nav.submissions });
  return out;
}

/** The working-day calendar: the calculator for everyone, editing for the system admin (listed under 系统管理). */
const calendarPage: Item = { key: '/calendar', icon: <CalendarOutlined />, label: nav.calendar };

/** The menu key a path selects: the longest key that is the path or a parent of it. */
export function selectedMenuKey(items: MenuProps['items'], pathname: string): string {
  const keys: string[] = [];
  const walk = (list: MenuProps['items']) => {
    for (const i of list ?? []) {
      if (!i) continue;
      if ('children' in i && i.children) walk(i.children);
      else if (i.key !== undefined) keys.push(String(i.key));
    }
  };
  walk(items);
  return keys.filter((k) => pathname === k || pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0] ?? pathname;
}

export function adminPages(session: Session): Item[] {
  const out: Item[] = [];
  if (hasAbility(session, 'account.manage')) out.push({ key: '/admin/accounts', icon: <UserSwitchOutlined />, label: nav.accounts });
  if (hasAbility(session, 'security.manage')) out.push({ key: '/admin/security', icon: <SafetyOutlined />, label: nav.security });
  if (hasAbility(session, 'audit.read')) out.push({ key: '/admin/audit', icon: <AuditOutlined />, label: nav.audit });
  if (hasAbility(session, 'calendar.manage')) out.push(calendarPage);
  return out;
}

export function menuItems(session: Session, office: SessionOffice | undefined, t: (x: Text) => string): MenuProps['items'] {
  const toItem = (i: Item) => ({ key: i.key, icon: i.icon, label: t(i.label) });
  const items: NonNullable<MenuProps['items']> = [];
  if (office) items.push({ type: 'group', key: 'office', label: office.shortName || office.name, children: [...officePages(office.id), ...reportPages(session, office), ...ledgerPages(session, office), ...meetingPages(office), ...documentPages(session, office), ...(hasAbility(session, 'calendar.manage') ? [] : [calendarPage])].map(toItem) });
  const admin = adminPages(session);
  if (admin.length) items.push({ type: 'group', key: 'admin', label: t(nav.admin), children: admin.map(toItem) });
  return items;
}
