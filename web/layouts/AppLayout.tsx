import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Space, theme, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { OfficeSwitcher } from '../components/OfficeSwitcher.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { UserMenu } from '../components/UserMenu.tsx';
import { common, useI18n } from '../i18n.tsx';
import { rememberedOffice, homeOffice, rememberOffice } from '../offices.ts';
import { useSession } from '../session.tsx';
import { NotificationBell } from '../modules/notifications/components/NotificationBell.tsx';
import { menuItems, selectedMenuKey } from './navigation.tsx';

const HEADER_BG = '#1f4e8c';

/** The shell: header (name, office switcher, language, user menu), side menu on wide screens, a drawer on phones. */
export function AppLayout() {
  const session = useSession();
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();

  // The office in the URL, else the remembered one (admin pages of a user who also holds posts).
  const match = useMatch('/offices/:officeId/*');
  const urlOffice = session.offices.find((o) => o.id === match?.params.officeId);
  const office = urlOffice ?? rememberedOffice(session) ?? homeOffice(session);
  const page = match?.params['*']?.split('/')[0] || 'roster';

  const switchOffice = (id: string) => {
    rememberOffice(id);
    setDrawerOpen(false);
    void navigate(`/offices/${id}/${urlOffice ? page : 'roster'}`);
  };
  const items = menuItems(session, office, t);
  const selected = selectedMenuKey(items, location.pathname);
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      items={items}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
      style={{ borderInlineEnd: 'none' }}
      data-testid="nav-menu"
    />
  );
  const switcher = session.offices.length > 0 && <OfficeSwitcher offices={session.offices} value={office?.id} onChange={switchOffice} block={narrow} />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: narrow ? 8 : 24, background: HEADER_BG, color: '#fff', position: 'sticky', top: 0, zIndex: 10 }}>
        {narrow && <Button type="text" icon={<MenuOutlined />} aria-label={t(common.menu)} data-testid="nav-toggle" onClick={() => setDrawerOpen(true)} style={{ color: '#fff' }} />}
        <Link to="/" style={{ color: '#fff', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          <Typography.Title level={4} style={{ color: '#fff', margin: 0, fontSize: narrow ? 16 : 18 }} data-testid="app-name">
            {t(common.appName)}
          </Typography.Title>
        </Link>
        <div style={{ flex: 1 }} />
        {!narrow && (
          <Space size="middle">
            {switcher}
            <LanguageSwitch />
          </Space>
        )}
        <NotificationBell />
        <UserMenu compact={narrow} />
      </Layout.Header>
      <Layout>
        {!narrow && (
          <Layout.Sider width={208} theme="light" breakpoint="lg" collapsible collapsedWidth={64} style={{ background: token.colorBgContainer, position: 'sticky', top: 64, height: 'calc(100vh - 64px)', overflow: 'auto' }}>
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {narrow && (
        <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={280} title={t(common.appName)} styles={{ body: { padding: 0 } }}>
          <div style={{ padding: 12, display: 'grid', gap: 8 }}>
            {switcher}
            <LanguageSwitch block />
          </div>
          {menu}
        </Drawer>
      )}
    </Layout>
  );
}
