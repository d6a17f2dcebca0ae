import { App, Result, Skeleton } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, apiPost } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { useApi } from '../../../app/use-api.ts';
import { blankMeeting, MeetingForm, valuesOf } from '../components/meeting-form.tsx';
import type { MeetingView } from '../types.ts';
import { Typography } from 'antd';

/** 新建会议 (/meetings/new) and 编辑会议 (/meetings/:id/edit, drafts only). */
export function MeetingEditPage() {
  return (
    <RequirePermission permission="meeting.convene">
      <EditMeeting />
    </RequirePermission>
  );
}

function EditMeeting() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const creating = !id;
  const existing = useApi<MeetingView>(creating ? null : `/meetings/${id}`);

  if (existing.error) return <ErrorAlert error={existing.error} onRetry={existing.reload} />;
  if (!creating && !existing.data) return <Skeleton active />;
  if (existing.data && existing.data.state !== 'draft') {
    return <Result status="warning" title="只有草稿状态的会议可以修改" subTitle="已提交审核的会议如需修改，请由街道退回后再编辑。" />;
  }
  const initial = existing.data ? valuesOf(existing.data) : blankMeeting(params.get('estateId') ? Number(params.get('estateId')) : undefined);

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{creating ? '新建业主大会会议' : `编辑会议：${existing.data?.title}`}</Typography.Title>
      <MeetingForm
        initial={initial}
        creating={creating}
        onCancel={() => navigate(creating ? '/meetings' : `/meetings/${id}`)}
        onSave={async (body) => {
          if (creating) {
            const m = await apiPost<MeetingView>('/meetings', body);
            message.success('会议已创建（草稿），核对后请提交街道审核');
            navigate(`/meetings/${m.id}`);
          } else {
            await api<MeetingView>('PUT', `/meetings/${id}`, { body });
            message.success('已保存');
            navigate(`/meetings/${id}`);
          }
        }}
      />
    </div>
  );
}
