import type { AccountView, RoleGrantView } from '@gongzhi/contracts';
import { App, Button, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { apiPost, ApiError } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useLang } from '../../../app/i18n.tsx';
import { roleLabel } from '../../../app/labels.ts';
import { useMe } from '../../../app/auth.tsx';
import { useListQuery } from '../../../app/use-list-query.ts';
import { AddGrantModal } from '../components/add-grant-modal.tsx';
import { CreateAccountDrawer } from '../components/create-account-drawer.tsx';
import { GRANTABLE_ROLES } from '../components/grant-fields.tsx';

const FILTERS = ['q', 'role'] as const;

/** 账号管理: officials' accounts holding roles in the administrator's region. */
export function AccountsPage() {
  return (
    <RequirePermission permission="account.manage">
      <AccountsList />
    </RequirePermission>
  );
}

function AccountsList() {
  const { lang } = useLang();
  const me = useMe();
  const { message } = App.useApp();
  const list = useListQuery<AccountView>('/accounts', FILTERS);
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<AccountView | null>(null);

  // a row action: the server's message (in Chinese) on failure, then the list again
  const act = async (path: string, done: string) => {
    try {
      await apiPost(path);
      message.success(done);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
    list.reload();
  };

  const grantTag = (a: AccountView, g: RoleGrantView) => (
    <Tag key={g.id} color="blue" style={{ marginBottom: 4 }}>
      {roleLabel(g.role, lang)}
      {g.scopeKind !== 'owner' && ` · ${g.scopeName}`}
      <Popconfirm
        title={`撤销「${roleLabel(g.role, lang)} · ${g.scopeName}」？`}
        description="该角色立即失效"
        okText="撤销"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onConfirm={() => act(`/accounts/${a.id}/grants/${g.id}/revoke`, '已撤销角色')}
      >
        <Typography.Link style={{ marginLeft: 6, fontSize: 12 }} aria-label="撤销角色">撤销</Typography.Link>
      </Popconfirm>
    </Tag>
  );

  return (
    <Page
      title="账号管理"
      extra={<Button type="primary" onClick={() => setCreating(true)}>新建账号</Button>}
    >
      <FilterBar q={list.filters.q} onSearch={(q) => list.setFilters({ q })} placeholder="用户名/手机号/姓名" onReset={list.reset}>
        <Select
          allowClear
          placeholder="角色"
          style={{ width: 200 }}
          value={list.filters.role}
          onChange={(role) => list.setFilters({ role })}
          options={GRANTABLE_ROLES.map((r) => ({ value: r, label: roleLabel(r, lang) }))}
        />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<AccountView>
        {...list.tableProps}
        rowKey="id"
        size="middle"
        scroll={{ x: 1000 }}
        columns={[
          { title: '姓名', dataIndex: 'displayName', width: 140 },
          { title: '用户名', dataIndex: 'username', width: 160, render: (v: string | null) => v ?? '—' },
          { title: '手机号', dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => v ?? '—' },
          { title: '角色', render: (_, a) => (a.grants.length ? a.grants.map((g) => grantTag(a, g)) : <Typography.Text type="secondary">无</Typography.Text>) },
          {
            title: '状态', width: 150,
            render: (_, a) =>
              a.disabled ? <Tag color="red">已停用</Tag>
                : a.lockedUntil ? <Tag color="orange">锁定至 {formatDateTime(a.lockedUntil)}</Tag>
                  : <Tag color="green">正常</Tag>,
          },
          {
            title: '操作', width: 170, fixed: 'right',
            render: (_, a) => (
              <Space>
                <Typography.Link onClick={() => setGranting(a)}>添加角色</Typography.Link>
                {a.disabled ? (
                  <Popconfirm title={`启用账号「${a.displayName}」？`} okText="启用" cancelText="取消" onConfirm={() => act(`/accounts/${a.id}/enable`, '已启用')}>
                    <Typography.Link>启用</Typography.Link>
                  </Popconfirm>
                ) : (
                  a.id !== me.accountId && (
                    <Popconfirm
                      title={`停用账号「${a.displayName}」？`}
                      description="停用后该账号立即退出登录且无法再登录"
                      okText="停用"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() => act(`/accounts/${a.id}/disable`, '已停用')}
                    >
                      <Typography.Link type="danger">停用</Typography.Link>
                    </Popconfirm>
                  )
                )}
              </Space>
            ),
          },
        ]}
      />
      <CreateAccountDrawer
        open={creating}
        onClose={(created) => {
          setCreating(false);
          if (created) {
            message.success('账号已创建');
            list.reload();
          }
        }}
      />
      <AddGrantModal
        account={granting}
        onClose={(changed) => {
          setGranting(null);
          if (changed) {
            message.success('已添加角色');
            list.reload();
          }
        }}
      />
    </Page>
  );
}
