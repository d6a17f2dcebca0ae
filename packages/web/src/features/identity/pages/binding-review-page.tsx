import type { BindingView } from '@gongzhi/contracts';
import { App, Button, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { ApiError } from '../../../app/api.ts';
import { apiPost } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { Page } from '../../../app/components/page.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useT } from '../../../app/i18n.tsx';
import { useApi } from '../../../app/use-api.ts';
import { BindingStatusTag } from '../components/binding-status-tag.tsx';
import { RejectBindingModal } from '../components/reject-binding-modal.tsx';

type Status = 'pending' | 'approved' | 'rejected';

export function BindingReviewPage() {
  const t = useT();
  const { message } = App.useApp();
  const [status, setStatus] = useState<Status>('pending');
  const { data, error, loading, reload } = useApi<{ items: BindingView[] }>('/bindings', { status });
  const [rejecting, setRejecting] = useState<number | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);

  const approve = async (id: number) => {
    setBusyId(id);
    try {
      await apiPost(`/bindings/${id}/approve`);
      message.success(t('bindings.done'));
      reload();
    } catch (e) {
      message.error((e as ApiError).message);
    } finally {
      setBusyId(null);
    }
  };

  return (
    <Page title={t('bindings.title')}>
      <Segmented<Status>
        value={status}
        onChange={setStatus}
        style={{ marginBottom: 16 }}
        options={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
      <ErrorAlert error={error} onRetry={reload} />
      <Table<BindingView>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('f.estate'), dataIndex: 'estateName' },
          { title: t('f.unitNo'), dataIndex: 'unitLabel' },
          { title: t('bindings.claimed'), dataIndex: 'ownerName' },
          {
            title: t('bindings.applicant'),
            render: (_, b) => (
              <>
                {b.accountName} {b.accountPhone}
                {b.phoneVerified && <Tag color="green" style={{ marginLeft: 6 }}>{t('bindings.phoneVerified')}</Tag>}
              </>
            ),
          },
          { title: t('f.createdAt'), dataIndex: 'requestedAt', render: formatDateTime },
          { title: t('f.status'), dataIndex: 'status', render: (s: string) => <BindingStatusTag status={s} /> },
          { title: t('f.note'), dataIndex: 'reviewNote' },
          {
            title: '',
            width: 150,
            render: (_, b) =>
              b.status === 'pending' && (
                <Space>
                  <Button type="primary" size="small" loading={busyId === b.id} onClick={() => void approve(b.id)}>
                    {t('bindings.approve')}
                  </Button>
                  <Button danger size="small" onClick={() => setRejecting(b.id)}>
                    {t('bindings.reject')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <RejectBindingModal
        bindingId={rejecting}
        onClose={(changed) => {
          setRejecting(null);
          if (changed) reload();
        }}
      />
    </Page>
  );
}
