import { AuditOutlined, BellOutlined, FormOutlined, HomeOutlined, LinkOutlined, NotificationOutlined, WalletOutlined } from '@ant-design/icons';
import { Layout } from 'antd';
import type { ReactNode } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useT } from '../i18n.tsx';
import { TopBarActions } from './top-bar-actions.tsx';
import { UnreadNoticesBadge } from '../../features/disclosure-owner/components/unread-notices-badge.tsx';

// Owners mostly use a phone: a narrow column, a slim header and a tab bar at the bottom.

const TAB_HEIGHT = 56;

function Tab({ to, icon, label, active }: { to: string; icon: ReactNode; label: string; active?: boolean }) {
  return (
    <NavLink
      to={to}
      style={({ isActive }) => ({
        flex: 1,
        // seven tabs share 390 px: a label wraps rather than pushing the bar wider than the screen
        minWidth: 0,
        textAlign: 'center',
        lineHeight: 1.2,
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        gap: 2,
        fontSize: 12,
        color: isActive || active ? '#1f6feb' : '#667085',
        textDecoration: 'none',
      })}
    >
      <span style={{ fontSize: 20, lineHeight: 1 }}>{icon}</span>
      {label}
    </NavLink>
  );
}

export function OwnerLayout() {
  const t = useT();
  const { pathname } = useLocation();
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 8,
          height: 52,
          padding: '0 12px',
          background: '#fff',
          borderBottom: '1px solid #eaecf0',
        }}
      >
        <span style={{ fontSize: 20, fontWeight: 700, color: '#1f6feb', whiteSpace: 'nowrap' }}>{t('product')}</span>
        <TopBarActions compact />
      </header>
      <main style={{ flex: 1, width: '100%', maxWidth: 640, margin: '0 auto', padding: `12px 12px ${TAB_HEIGHT + 16}px` }}>
        <Outlet />
      </main>
      <nav
        aria-label="tabs"
        style={{
          position: 'fixed',
          left: 0,
          right: 0,
          bottom: 0,
          height: TAB_HEIGHT,
          paddingBottom: 'env(safe-area-inset-bottom)',
          display: 'flex',
          background: '#fff',
          borderTop: '1px solid #eaecf0',
          zIndex: 10,
        }}
      >
        <Tab to="/m/units" icon={<HomeOutlined />} label={t('menu.myUnits')} />
        <Tab to="/m/meetings" icon={<AuditOutlined />} label={t('menu.myMeetings')} />
        <Tab to="/m/fund" icon={<WalletOutlined />} label={t('menu.myFund')} />
        {/* 公开: notices, common revenue, filings, questions (the unread notices on the badge) */}
        <Tab to="/m/notices" icon={<UnreadNoticesBadge><NotificationOutlined /></UnreadNoticesBadge>} label={t('menu.disclosure')} active={/^\/m\/(notices|revenue|filings|questions)(\/|$)/.test(pathname)} />
        {/* 报事: my cases, the estate's common-area cases, and filing a new one */}
        <Tab to="/m/cases" icon={<FormOutlined />} label={t('menu.myCases')} />
        <Tab to="/m/bind" icon={<LinkOutlined />} label={t('menu.bind')} />
        <Tab to="/m/messages" icon={<BellOutlined />} label={t('menu.messages')} />
      </nav>
    </Layout>
  );
}
