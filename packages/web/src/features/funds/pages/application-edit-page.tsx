import { App, Skeleton, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { apiPost, api } from '../../../app/api.ts';
import { useMe } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { useApi } from '../../../app/use-api.ts';
import { ApplicationForm, blankApplication, valuesOf } from '../components/application-form.tsx';
import { applicantKindOf } from '../role.ts';
import type { FundApplicationDetail } from '../types.ts';

/** 新建使用申请 / 修改申请（草稿）: the form; attachments and submission follow on the detail page. */
export function FundApplicationEditPage() {
  return (
    <RequirePermission permission="fund.apply">
      <Editor />
    </RequirePermission>
  );
}

function Editor() {
  const { id } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const existing = useApi<FundApplicationDetail>(id ? `/fund/applications/${id}` : null);
  if (id && existing.error) return <ErrorAlert error={existing.error} onRetry={existing.reload} />;
  if (id && !existing.data) return <Skeleton active />;
  const kind = existing.data?.applicantKind ?? applicantKindOf(me);
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{id ? '修改使用申请' : '新建维修资金使用申请'}</Typography.Title>
      <Typography.Paragraph type="secondary">
        申请人：{kind === 'company' ? '物业服务企业' : '业主委员会'}。保存为草稿后可上传报价单、现场照片等附件，再提交。
      </Typography.Paragraph>
      <ApplicationForm
        initial={existing.data ? valuesOf(existing.data) : blankApplication()}
        creating={!id}
        applicantKind={kind}
        onCancel={() => navigate(id ? `/funds/applications/${id}` : '/funds/applications')}
        onSave={async (estateId, body) => {
          if (id) {
            const { applicantKind: _k, ...patch } = body;
            await api('PATCH', `/fund/applications/${id}`, { body: patch });
            message.success('已保存');
            navigate(`/funds/applications/${id}`);
          } else {
            const created = await apiPost<{ id: number }>(`/estates/${estateId}/fund/applications`, body);
            message.success('草稿已保存，请上传附件后提交');
            navigate(`/funds/applications/${created.id}`);
          }
        }}
      />
    </div>
  );
}
