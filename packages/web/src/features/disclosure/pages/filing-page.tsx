import { CheckOutlined, CopyOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Skeleton, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, apiPost } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { FilingAttachments } from '../components/filing-attachments.tsx';
import { FilingContent } from '../components/filing-content.tsx';
import { FilingForm } from '../components/filing-form.tsx';
import { FilingStateTag } from '../components/filing-state-tag.tsx';
import { ReviewModal, type ReviewAction } from '../components/review-modal.tsx';
import type { FilingDetail } from '../types.ts';

/**
 * One version of a period's package. The party compiles it while a draft and files it; once filed
 * it is read-only (a change is a new version). The street office or district bureau it was filed
 * with acknowledges it or returns it with reasons, here too.
 */
export function FilingPage() {
  return (
    <RequirePermission permission="disclosure.read">
      <Filing />
    </RequirePermission>
  );
}

function Filing() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const q = useApi<FilingDetail>(`/filings/${id}`);
  const [review, setReview] = useState<ReviewAction | null>(null);
  const [busy, setBusy] = useState(false);
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  const f = q.data;
  if (!f) return <Skeleton active />;
  const can = (a: string) => f.availableActions.includes(a);
  const editable = can('edit');

  const newVersion = async () => {
    setBusy(true);
    try {
      const next = await apiPost<{ id: number }>(`/estates/${f.estateId}/filings`, { periodKey: f.periodKey });
      message.success(`已生成第 ${f.version + 1} 版草稿，内容已从第 ${f.version} 版复制`);
      navigate(`/filings/${next.id}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 16, gap: 8, flexWrap: 'wrap' }}>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>{f.estateName} {f.periodLabel}公示（{f.partyLabel}）第 {f.version} 版</Typography.Title>
          <span data-testid="filing-state"><FilingStateTag state={f.state} label={f.stateLabel} late={f.late} /></span>
        </Space>
        <Space wrap>
          {can('acknowledge') && <Button type="primary" icon={<CheckOutlined />} onClick={() => setReview('acknowledge')} data-testid="acknowledge-filing">确认备案</Button>}
          {can('return') && <Button danger icon={<RollbackOutlined />} onClick={() => setReview('return')} data-testid="return-filing">退回</Button>}
          {can('new_version') && <Button icon={<CopyOutlined />} loading={busy} onClick={() => void newVersion()} data-testid="new-version">编制新版本</Button>}
          <Button onClick={() => navigate(-1)}>返回</Button>
        </Space>
      </div>
      {f.state === 'returned' && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`${f.filedWithName ?? '备案机关'}已退回${f.reviewedAt ? `（${formatDateTime(f.reviewedAt)}）` : ''}`} description={<span data-testid="return-reason">退回理由：{f.reviewNote}</span>} />
      )}
      {f.state === 'acknowledged' && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} title={`${f.filedWithName ?? '备案机关'}已确认备案${f.reviewedAt ? `（${formatDateTime(f.reviewedAt)}）` : ''}${f.reviewNote ? `：${f.reviewNote}` : ''}`} />
      )}
      {f.state !== 'draft' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="已报送的版本不能修改；如需更正，请编制新版本重新报送。" data-testid="filing-readonly" />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, lg: 3 }}>
          <Descriptions.Item label="报送主体">{f.partyName}</Descriptions.Item>
          <Descriptions.Item label="期间">{f.periodStart} ~ {f.periodEnd}</Descriptions.Item>
          <Descriptions.Item label="报送截止">{f.dueOn}</Descriptions.Item>
          <Descriptions.Item label="备案机关">{f.filedWithName ?? '报送时按本市规则确定（街道办事处或区房管部门）'}</Descriptions.Item>
          <Descriptions.Item label="报送时间">{f.filedAt ? `${formatDateTime(f.filedAt)}${f.filedByName ? `（${f.filedByName}）` : ''}` : '未报送'}</Descriptions.Item>
          <Descriptions.Item label="向业主公示">{f.noticeId ? '已发布公示（30 日）' : '报送时发布'}</Descriptions.Item>
        </Descriptions>
      </Card>
      {editable ? (
        <FilingForm key={f.updatedAt} filing={f} canFile={can('file')} onSaved={q.reload} onFiled={q.reload} />
      ) : (
        <FilingContent filing={f} />
      )}
      <Card size="small" title="附件" style={{ marginTop: 16, marginBottom: 16 }}>
        <FilingAttachments filing={f} canUpload={editable} onChanged={q.reload} />
      </Card>
      {f.versions.length > 1 && (
        <Card size="small" title="各版本">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={f.versions}
            data-testid="filing-versions"
            columns={[
              { title: '版本', dataIndex: 'version', width: 90, render: (v: number, x) => (x.id === f.id ? <strong>第 {v} 版（本页）</strong> : <Link to={`/filings/${x.id}`}>第 {v} 版</Link>) },
              { title: '状态', dataIndex: 'state', width: 120, render: (s: string, x) => <FilingStateTag state={s} label={x.stateLabel} /> },
              { title: '报送时间', dataIndex: 'filedAt', width: 170, render: (v: string | null) => formatDateTime(v) || '—' },
              { title: '审查意见', dataIndex: 'reviewNote', render: (v: string | null) => v || '—' },
            ]}
          />
        </Card>
      )}
      <ReviewModal
        filingId={f.id}
        action={review}
        onClose={() => setReview(null)}
        onDone={(a) => { setReview(null); message.success(a === 'return' ? '已退回' : '已确认备案'); q.reload(); }}
      />
    </div>
  );
}
