import type { Permission } from '@gongzhi/contracts';
import { App, Button, Typography } from 'antd';
import { useState } from 'react';
import { apiPost, type ApiError } from '../../../app/api.ts';
import { useCan } from '../../../app/auth.tsx';
import { useT } from '../../../app/i18n.tsx';

const PERMISSION: Permission = 'owner.reveal_id';

/** Only for roles that may; warns first, because every reveal is written to the audit log. */
export function RevealIdButton({ ownerId }: { ownerId: number }) {
  const t = useT();
  const allowed = useCan(PERMISSION);
  const { modal, message } = App.useApp();
  const [shown, setShown] = useState<string | null>(null);
  if (!allowed) return null;
  if (shown) return <Typography.Text copyable code>{shown}</Typography.Text>;
  const ask = () =>
    modal.confirm({
      title: t('owner.reveal'),
      content: t('owner.revealWarn'),
      okText: t('confirm'),
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          const r = await apiPost<{ idNumber: string }>(`/owners/${ownerId}/reveal-id`);
          setShown(r.idNumber);
        } catch (e) {
          message.error((e as ApiError).message);
        }
      },
    });
  return (
    <Button size="small" type="link" onClick={ask}>
      {t('owner.reveal')}
    </Button>
  );
}
