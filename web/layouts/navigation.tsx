// The side menu: the current office's pages, then the admin pages the account's duty opens.
import { ApartmentOutlined, AuditOutlined, ContactsOutlined, HistoryOutlined, SafetyOutlined, SwapOutlined, TeamOutlined, UserSwitchOutlined } from '@ant-design/icons';
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

export function adminPages(session: Session): Item[] {
  const out: Item[] = [];
  if (hasAbility(session, 'account.manage')) out.push({ key: '/admin/accounts', icon: <UserSwitchOutlined />, label: nav.accounts });
  if (hasAbility(session, 'security.manage')) out.push({ key: '/admin/security', icon: <SafetyOutlined />, label: nav.security });
  if (hasAbility(session, 'audit.read')) out.push({ key: '/admin/audit', icon: <AuditOutlined />, label: nav.audit });
  return out;
}

export function menuItems(session: Session, office: SessionOffice | undefined, t: (x: Text) => string): MenuProps['items'] {
  const toItem = (i: Item) => ({ key: i.key, icon: i.icon, label: t(i.label) });
  const items: NonNullable<MenuProps['items']> = [];
  if (office) items.push({ type: 'group', key: 'office', label: office.shortName || office.name, children: officePages(office.id).map(toItem) });
  const admin = adminPages(session);
  if (admin.length) items.push({ type: 'group', key: 'admin', label: t(nav.admin), children: admin.map(toItem) });
  return items;
}
