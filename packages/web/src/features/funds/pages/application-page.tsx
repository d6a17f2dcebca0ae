import { Alert, Button, Card, Descriptions, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { formatArea, formatDate } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { ApplicationActions } from '../components/application-actions.tsx';
import { ApplicationTimeline } from '../components/application-timeline.tsx';
import { AttachmentsCard } from '../components/attachments-card.tsx';
import { FundStateTag, PathTag } from '../components/fund-state-tag.tsx';
import { SharesTable } from '../components/shares-table.tsx';
import { StagesCard } from '../components/stages-card.tsx';
import { APPLICANT_LABELS, EMERGENCY_LISTS, EXCLUSION_SHORT, EXCLUSIONS, MOVEMENT_KIND_LABELS, categoryLabel } from '../labels.ts';
import { formatBp, formatFen } from '../money.ts';
import type { FundApplicationDetail } from '../types.ts';

type AppMovement = FundApplicationDetail['movements'][number];

const PAID_STATES = new Set(['approved', 'disbursing', 'accepted', 'settled', 'published']);

export function FundApplicationPage() {
  return (
    <RequirePermission permission="fund.read">
      <Detail />
    </RequirePermission>
  );
}

function Detail() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [actionError, setActionError] = useState<string | null>(null);
  const canApply = useCan('fund.apply');
  const q = useApi<FundApplicationDetail>(`/fund/applications/${id}`);
  const a = q.data;
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  if (!a) return <Skeleton active />;

  const scope = `${a.scopeKind === 'buildings' ? '整栋' : a.scopeKind === 'facility' ? '共用设施' : '指定房屋'}：${a.scopeLabel}`;
  const attachmentCount = Object.values(a.attachments ?? {}).reduce((n, l) => n + l.length, 0);
  const tabs = [
    {
      key: 'overview', label: '申请概况',
      children: (
        <div style={{ display: 'grid', gap: 16 }}>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, lg: 2 }}
            items={[
              { key: 'estate', label: '小区', children: a.estateName ?? a.estateId },
              { key: 'applicant', label: '申请人', children: a.applicantName ?? APPLICANT_LABELS[a.applicantKind] ?? a.applicantKind },
              { key: 'category', label: '维修类别', children: a.categoryLabel || categoryLabel(a.category) },
              { key: 'path', label: '使用程序', children: <><PathTag path={a.path} />{a.path === 'emergency' ? a.emergencyCategoryLabel ?? a.emergencyCategory ?? '' : ''}</> },
              ...(a.emergencyList ? [{ key: 'list', label: '应急情形清单', children: EMERGENCY_LISTS[a.emergencyList]?.label ?? a.emergencyList }] : []),
              { key: 'scope', label: '列支范围', children: `${scope}${a.scopeKind === 'buildings' ? `，${a.shares.unitCount} 户` : ''}，${formatArea(a.shares.totalAreaCenti)}` },
              { key: 'budget', label: '预算', children: <strong data-testid="fund-budget-view">{formatFen(a.budgetFen)}</strong> },
              ...(a.actualCostFen != null ? [{ key: 'actual', label: '实际费用', children: <strong data-testid="fund-actual-view">{formatFen(a.actualCostFen)}</strong> }] : []),
              { key: 'contractor', label: '施工单位', children: a.contractorName || '—' },
              { key: 'account', label: '收款账户', children: a.contractorAccount || '—' },
              { key: 'stages', label: '分期拨付', children: (a.stagePlan ?? []).map(formatBp).join(' / ') || '—' },
              ...(a.meeting ? [{ key: 'meeting', label: '表决会议', children: <Link to={`/meetings/${a.meeting.meetingId}`} data-testid="fund-meeting-link">{a.meeting.title}</Link> }] : []),
              ...(a.reviewDueOn ? [{ key: 'due', label: '审核期限', children: <>{formatDate(a.reviewDueOn)}{a.reviewOverdue && <Tag color="red" style={{ marginLeft: 8 }}>已逾期</Tag>}</> }] : []),
              { key: 'reason', label: '维修原因', span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.reason}</span> },
              {
                key: 'excl', label: '不属于不得列支情形的声明', span: 2,
                children: (
                  <div style={{ display: 'grid', gap: 2 }}>
                    {EXCLUSIONS.map((e) => (
                      <span key={e.key}>{a.exclusions?.[e.key] ? <Tag color="green">已声明</Tag> : <Tag color="orange">未声明</Tag>}{e.label}</span>
                    ))}
                  </div>
                ),
              },
            ]}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>进程</Typography.Title>
          <ApplicationTimeline app={a} />
        </div>
      ),
    },
    { key: 'shares', label: '每户分摊', children: <SharesTable app={a} /> },
    { key: 'attachments', label: `附件（${attachmentCount}）`, children: <AttachmentsCard app={a} canUpload={canApply && !['settled', 'published', 'rejected', 'cancelled'].includes(a.state)} onChanged={q.reload} /> },
    ...(PAID_STATES.has(a.state) ? [{ key: 'stages', label: '拨付', children: <StagesCard app={a} onChanged={q.reload} /> }] : []),
    ...(a.movements.length ? [{ key: 'movements', label: '资金划转', children: <MovementsOfApplication rows={a.movements} /> }] : []),
  ];
  const active = tabs.some((t) => t.key === params.get('tab')) ? params.get('tab')! : 'overview';

  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="fund-title-view">
            {a.title} <FundStateTag state={a.state} /> <PathTag path={a.path} />
          </Typography.Title>
          <Typography.Text type="secondary">{a.estateName ?? ''} · 预算 {formatFen(a.budgetFen)}</Typography.Text>
        </div>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <ApplicationActions app={a} onChanged={q.reload} onError={setActionError} />
          <Button onClick={() => navigate('/funds/applications')}>返回列表</Button>
        </div>
      </div>
      {actionError && <Alert type="error" showIcon closable onClose={() => setActionError(null)} style={{ marginBottom: 16 }} title={actionError} data-testid="fund-action-error" />}
      {a.state === 'rejected' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="申请未通过"
          description={<>{a.decisionReason}{a.rejectedExclusion ? `（属于不得列支情形：${EXCLUSION_SHORT[a.rejectedExclusion] ?? a.rejectedExclusion}）` : ''}</>}
          data-testid="fund-rejected"
        />
      )}
      {a.state === 'draft' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={a.path === 'emergency' ? '草稿：请在“附件”中上传现场照片、检测报告或整改通知等证明材料，再提交。' : '草稿：请在“附件”中上传施工报价单和现场照片，再提交。'} />
      )}
      <Card>
        <Tabs
          activeKey={active}
          onChange={(tab) => setParams((p) => { const n = new URLSearchParams(p); n.set('tab', tab); return n; }, { replace: true })}
          items={tabs}
          destroyOnHidden
        />
      </Card>
    </div>
  );
}

function MovementsOfApplication({ rows }: { rows: AppMovement[] }) {
  return (
    <Table<AppMovement>
      rowKey="movementId"
      size="small"
      dataSource={rows}
      pagination={false}
      columns={[
        { title: '记账日期', dataIndex: 'bookedOn', width: 120 },
        { title: '类型', dataIndex: 'kind', width: 120, render: (k: string, r) => r.kindLabel || MOVEMENT_KIND_LABELS[k] || k },
        { title: '期次', dataIndex: 'stageNo', width: 80, render: (v: number | null) => (v ? `第 ${v} 期` : '—') },
        { title: '金额', dataIndex: 'totalFen', width: 150, align: 'right', render: (v: number) => formatFen(v) },
        { title: '收款方', dataIndex: 'payee', render: (v: string) => v || '—' },
      ]}
    />
  );
}
