import type { DemoAccount, DemoAccountsView } from '@gongzhi/contracts';
import { Button, Card, Table, Tag, Typography } from 'antd';
import { useLang } from '../../../app/i18n.tsx';
import { roleLabel } from '../../../app/labels.ts';
import { useApi } from '../../../app/use-api.ts';

/** Demo mode only (the endpoint answers 404 otherwise): one account per role, one click to fill the form. */
export function DemoAccounts({ onUse }: { onUse: (username: string, password: string) => void }) {
  const { t, lang } = useLang();
  const { data } = useApi<DemoAccountsView>('/demo/accounts');
  if (!data) return null;
  return (
    <Card title={t('login.demoTitle')} size="small">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('login.demoHint', { pw: data.password })}
      </Typography.Paragraph>
      <Table<DemoAccount>
        size="small"
        rowKey="username"
        pagination={false}
        dataSource={data.accounts}
        columns={[
          { title: t('login.demoAccount'), dataIndex: 'username', width: 96 },
          {
            title: t('login.demoLabel'),
            render: (_, a) => (
              <>
                <Tag color={a.role === 'owner' ? 'green' : 'blue'}>{roleLabel(a.role, lang)}</Tag>
                <span>{a.label}</span>
              </>
            ),
          },
          {
            title: '',
            width: 72,
            render: (_, a) => (
              <Button size="small" type="link" onClick={() => onUse(a.username, data.password)} data-testid={`demo-use-${a.username}`}>
                {t('login.demoUse')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
