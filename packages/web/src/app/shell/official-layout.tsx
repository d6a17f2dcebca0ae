import {
  AuditOutlined,
  BellOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  FileSearchOutlined,
  FundProjectionScreenOutlined,
  HomeOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import type { Permission } from '@gongzhi/contracts';
import { Layout, Menu, type MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../auth.tsx';
import { useT, type T } from '../i18n.tsx';
import { TopBarActions } from './top-bar-actions.tsx';

type Item = NonNullable<MenuProps['items']>[number];

/** The side menu, built from the active role's permissions (as the server sent them). */
function menuItems(t: T, has: (p: Permission) => boolean): Item[] {
  const items: Item[] = [];
  if (has('registry.read')) {
    items.push({
      key: 'registry',
      icon: <HomeOutlined />,
      label: t('menu.registry'),
      children: [
        { key: '/registry/estates', label: t('menu.estates') },
        { key: '/registry/units', label: t('menu.units') },
        { key: '/registry/owners', label: t('menu.owners') },
        { key: '/registry/companies', label: t('menu.companies') },
        { key: '/registry/contracts', label: t('menu.contracts') },
        { key: '/registry/committees', label: t('menu.committees') },
      ],
    });
  }
  if (has('registry.import') || has('registry.export')) {
    items.push({ key: '/roster', icon: <CloudUploadOutlined />, label: t('menu.roster') });
  }
  if (has('meeting.read')) items.push({ key: '/meetings', icon: <FundProjectionScreenOutlined />, label: t('menu.meetings') });
  if (has('meeting.approve')) items.push({ key: '/meeting-approvals', icon: <CheckSquareOutlined />, label: t('menu.meetingApprovals') });
  if (has('fund.read')) {
    items.push({
      key: 'funds',
      icon: <WalletOutlined />,
      label: t('menu.funds'),
      children: [
        { key: '/funds', label: t('menu.fundOverview') },
        { key: '/funds/applications', label: t('menu.fundApplications') },
        ...(has('fund.confirm') ? [{ key: '/funds/confirmations', label: t('menu.fundConfirmations') }] : []),
        ...(has('fund.review') ? [{ key: '/funds/reviews', label: t('menu.fundReviews') }] : []),
      ],
    });
  }
  if (has('disclosure.read')) {
    // 信息公开: notices and questions (D5); 公共收益 and 公示备案 (D6) join the same group
    items.push({
      key: 'info',
      icon: <NotificationOutlined />,
      label: t('menu.info'),
      children: [
        { key: '/notices', label: t('menu.notices') },
        { key: '/questions', label: t('menu.questions') },
        { key: '/revenue', label: t('menu.revenue') },
        // the company and the committee compile and file; officers and auditors see the status by estate
        ...(has('disclosure.file') || has('revenue.ledger') ? [{ key: '/filings', label: t('menu.filings') }] : []),
        ...(has('disclosure.review') || !(has('disclosure.file') || has('revenue.ledger')) ? [{ key: '/filings/status', label: t('menu.filingStatus') }] : []),
      ],
    });
  }
  if (has('case.read')) {
    // 案件 (issue 6): the queue for everyone who reads cases; rules and figures for those who run them
    items.push({
      key: 'cases',
      icon: <FileSearchOutlined />,
      label: t('menu.cases'),
      children: [
        { key: '/cases', label: t('menu.caseQueue') },
        ...(has('registry.read') ? [{ key: '/cases/rules', label: t('menu.caseRules') }, { key: '/cases/figures', label: t('menu.caseFigures') }] : []),
      ],
    });
  }
  if (has('binding.review')) items.push({ key: '/bindings', icon: <SafetyCertificateOutlined />, label: t('menu.bindings') });
  if (has('audit.read')) items.push({ key: '/audit', icon: <AuditOutlined />, label: t('menu.audit') });
  if (has('account.manage')) items.push({ key: '/accounts', icon: <TeamOutlined />, label: t('menu.accounts') });
  items.push({ key: '/messages', icon: <BellOutlined />, label: t('menu.messages') });
  return items;
}

/** First page for a role without "my units": the first item of its menu. */
export function officialHome(permissions: readonly Permission[]): string {
  const has = (p: Permission) => permissions.includes(p);
  if (has('registry.read')) return '/registry/estates';
  if (has('registry.import') || has('registry.export')) return '/roster';
  if (has('binding.review')) return '/bindings';
  if (has('audit.read')) return '/audit';
  // a department officer (职能部门) works only on the cases the street called it in on
  if (has('case.read')) return '/cases';
  return '/messages';
}

export function OfficialLayout() {
  const me = useMe();
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const has = (p: Permission) => me.permissions.includes(p);
  const items = menuItems(t, has);
  // the menu item whose key is the longest prefix of the current path
  const keys = ['/registry/estates', '/registry/units', '/registry/owners', '/registry/companies', '/registry/contracts', '/registry/committees', '/roster', '/meetings', '/meeting-approvals', '/funds', '/funds/applications', '/funds/confirmations', '/funds/reviews', '/notices', '/questions', '/revenue', '/filings', '/filings/status', '/cases', '/cases/rules', '/cases/figures', '/bindings', '/audit', '/accounts', '/messages'];
  const selected = keys.filter((k) => pathname.startsWith(k)).sort((a, b) => b.length - a.length)[0];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#fff', borderBottom: '1px solid #eaecf0', padding: '0 24px' }}
      >
        <div style={{ display: 'flex', alignItems: 'baseline', gap: 12, cursor: 'pointer' }} onClick={() => navigate('/')}>
          <span style={{ fontSize: 22, fontWeight: 700, color: '#1f6feb' }}>{t('product')}</span>
          <span style={{ color: '#667085' }}>{t('productTagline')}</span>
        </div>
        <TopBarActions />
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" breakpoint="lg" collapsedWidth={0} style={{ borderRight: '1px solid #eaecf0' }}>
          <Menu
            mode="inline"
            items={items}
            selectedKeys={selected ? [selected] : []}
            defaultOpenKeys={['registry', 'funds', 'info', 'cases']}
            onClick={({ key }) => navigate(key)}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
