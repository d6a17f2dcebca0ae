import type { InboxPage, NotificationView } from '@gongzhi/contracts';
import { App, Badge, Button, Card, List, Segmented, Typography } from 'antd';
import type { ApiError } from '../../../app/api.ts';
import { apiPost } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useT } from '../../../app/i18n.tsx';
import { useListQuery } from '../../../app/use-list-query.ts';

const FILTERS = ['unreadOnly'] as const;

/** The caller's in-app inbox; the same page in the phone and the desktop layout. */
export function MessagesPage() {
  const t = useT();
  const { message } = App.useApp();
  const list = useListQuery<NotificationView>('/notifications', FILTERS);
  const unread = (list.data as InboxPage | undefined)?.unread ?? 0;

  const mark = async (path: string) => {
    try {
      await apiPost(path);
      list.reload();
    } catch (e) {
      message.error((e as ApiError).message);
    }
  };

  return (
    <div>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', margin: '4px 0 12px', gap: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('messages.title')} {unread > 0 && <Badge count={unread} />}
        </Typography.Title>
        <Button size="small" disabled={unread === 0} onClick={() => void mark('/notifications/read-all')}>
          {t('messages.markAll')}
        </Button>
      </div>
      <Segmented
        value={list.filters.unreadOnly === 'true' ? 'unread' : 'all'}
        onChange={(v) => list.setFilters({ unreadOnly: v === 'unread' ? 'true' : undefined })}
        options={[
          { value: 'all', label: t('all') },
          { value: 'unread', label: t('messages.unread') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card size="small">
        <List<NotificationView>
          loading={list.tableProps.loading}
          dataSource={list.tableProps.dataSource}
          locale={{ emptyText: t('messages.empty') }}
          pagination={
            list.data && list.data.total > list.data.pageSize
              ? { current: list.tableProps.pagination.current, pageSize: list.tableProps.pagination.pageSize, total: list.data.total, onChange: list.tableProps.pagination.onChange, size: 'small' }
              : false
          }
          renderItem={(n) => (
            <List.Item
              actions={n.readAt ? [] : [<Button key="r" type="link" size="small" onClick={() => void mark(`/notifications/${n.id}/read`)}>{t('messages.markRead')}</Button>]}
            >
              <List.Item.Meta
                title={
                  <span style={{ fontWeight: n.readAt ? 400 : 600 }}>
                    {!n.readAt && <Badge status="processing" style={{ marginRight: 6 }} />}
                    {n.subject}
                  </span>
                }
                description={
                  <>
                    <div style={{ whiteSpace: 'pre-wrap', color: '#344054' }}>{n.body}</div>
                    <div style={{ fontSize: 12, marginTop: 4 }}>{formatDateTime(n.createdAt)}</div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
