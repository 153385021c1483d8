import { CalendarOutlined, DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { POST_LABELS, SYSTEM_DUTY_LABELS } from '../../shared/roles.ts';
import { api } from '../api.ts';
import { common, useI18n } from '../i18n.tsx';
import { CalendarFeedModal } from '../modules/calendar/components/CalendarFeedModal.tsx';
import { m as calendarMessages } from '../modules/calendar/messages.ts';
import { useSession, useSessionApi } from '../session.tsx';

/** The account's name, its posts or duty, 修改密码 and 退出登录. */
export function UserMenu({ compact }: { compact?: boolean }) {
  const session = useSession();
  const { clear } = useSessionApi();
  const navigate = useNavigate();
  const { t } = useI18n();
  const [feedOpen, setFeedOpen] = useState(false);

  const logout = async () => {
    try {
      await api.post('/api/v1/auth/logout', undefined, { quiet: true });
    } finally {
      clear();
      void navigate('/login', { replace: true });
    }
  };

  const duty = session.account.systemDuty;
  const roles = duty
    ? [t(SYSTEM_DUTY_LABELS[duty])]
    : session.posts.map((p) => `${p.officeName} ${t(POST_LABELS[p.post])}${p.unitName && p.post !== 'group_member' ? `（${p.unitName}）` : ''}`);
  const items: MenuProps['items'] = [
    ...roles.map((r, i) => ({ key: `role-${i}`, label: r, disabled: true })),
    { type: 'divider' as const },
    { key: 'feed', icon: <CalendarOutlined />, label: t(calendarMessages.feed), onClick: () => setFeedOpen(true) },
    { key: 'password', icon: <KeyOutlined />, label: t(common.changePassword), onClick: () => void navigate('/password') },
    { key: 'logout', icon: <LogoutOutlined />, label: t(common.logout), danger: true, onClick: () => void logout() },
  ];
  return (
    <>
      <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
        <Button type="text" data-testid="user-menu" aria-label={session.account.displayName} icon={<UserOutlined />} style={{ color: 'inherit' }}>
          {compact ? null : session.account.displayName}
          {compact ? null : <DownOutlined style={{ fontSize: 10 }} />}
        </Button>
      </Dropdown>
      <CalendarFeedModal open={feedOpen} onClose={() => setFeedOpen(false)} />
    </>
  );
}
