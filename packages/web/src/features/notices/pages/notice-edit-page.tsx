import { App, Card, Skeleton, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, apiPost } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { useApi } from '../../../app/use-api.ts';
import { NoticeAttachments } from '../components/notice-attachments.tsx';
import { blankNotice, NoticeForm, valuesOf } from '../components/notice-form.tsx';
import type { NoticeDetail } from '../types.ts';

/** 发布公告 / 修改草稿: the form; a draft also takes its attachments here. Publishing is on the detail page. */
export function NoticeEditPage() {
  return (
    <RequirePermission permission="notice.publish">
      <Editor />
    </RequirePermission>
  );
}

function Editor() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const existing = useApi<NoticeDetail>(id ? `/notices/${id}` : null);
  if (id && existing.error) return <ErrorAlert error={existing.error} onRetry={existing.reload} />;
  if (id && !existing.data) return <Skeleton active />;
  const n = existing.data;
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{id ? '修改公告草稿' : '发布公告通知'}</Typography.Title>
      <Typography.Paragraph type="secondary">
        以{n ? n.publisherName : '当前角色所在单位'}名义发布。保存为草稿后可上传附件，确认无误再发布；发布后内容不能修改，只能撤回或发布更正。
      </Typography.Paragraph>
      {n && (
        <Card title="附件" size="small" style={{ marginBottom: 16 }}>
          <NoticeAttachments noticeId={n.id} estateId={n.estateId} files={n.attachments ?? []} canUpload={n.state === 'draft'} onChanged={existing.reload} />
        </Card>
      )}
      <NoticeForm
        // a fresh form when the loaded draft changes (an upload reloads it, values stay as saved)
        key={n ? `n-${n.id}` : 'new'}
        initial={n ? valuesOf(n) : blankNotice()}
        creating={!id}
        estateName={n?.estateName}
        onCancel={() => navigate(id ? `/notices/${id}` : '/notices')}
        onSave={async (estateId, body) => {
          if (id) {
            await api('PATCH', `/notices/${id}`, { body });
            message.success('已保存');
            navigate(`/notices/${id}`);
          } else {
            const created = await apiPost<NoticeDetail>(`/estates/${estateId}/notices`, body);
            message.success('草稿已保存，可上传附件后发布');
            navigate(`/notices/${created.id}`);
          }
        }}
      />
    </div>
  );
}
