import { Card, Tabs, Typography } from 'antd';
import { useT } from '../../../app/i18n.tsx';
import { InvitationBindForm } from '../components/invitation-bind-form.tsx';
import { RosterMatchForm } from '../components/roster-match-form.tsx';

export function BindPage() {
  const t = useT();
  return (
    <div>
      <Typography.Title level={4} style={{ margin: '4px 0 12px' }}>
        {t('bind.title')}
      </Typography.Title>
      <Card>
        <Tabs
          items={[
            { key: 'invite', label: t('bind.tabInvite'), children: <InvitationBindForm /> },
            { key: 'roster', label: t('bind.tabRoster'), children: <RosterMatchForm /> },
          ]}
        />
      </Card>
    </div>
  );
}
