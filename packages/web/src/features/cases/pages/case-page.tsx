import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Rate, Row, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCan, useMe } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { CaseActionModal, type CaseAction } from '../components/action-modal.tsx';
import { DepartmentCallsTable, EscalationsTable } from '../components/case-ladder.tsx';
import { CasePhotos } from '../components/case-photos.tsx';
import { CaseStateTag, DueCell, PriorityTag } from '../components/case-tags.tsx';
import { CaseTimeline } from '../components/case-timeline.tsx';
import { DuplicatesPanel } from '../components/duplicates-panel.tsx';
import { CASE_ACTION_LABELS, CASE_CATEGORY_LABELS, CASE_LEVEL_LABELS } from '../labels.ts';
import type { CaseDetail } from '../types.ts';

// the buttons the server may offer, in the order a handler uses them (merge lives in the duplicates panel)
const BUTTONS: CaseAction[] = ['respond', 'assign', 'note', 'callDepartments', 'report', 'resolve', 'verify'];
const DONE: Record<CaseAction, string> = {
  assign: '已指派', respond: '已响应', note: '已记录办理情况', resolve: '已办结，等待业主确认', verify: '已核实',
  callDepartments: '已召集职能部门', report: '已报到',
};

export function CasePage() {
  return (
    <RequirePermission permission="case.read">
      <Detail />
    </RequirePermission>
  );
}

function Detail() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [action, setAction] = useState<CaseAction | null>(null);
  const q = useApi<CaseDetail>(`/cases/${id}`);
  const canDispatch = useCan('case.dispatch');
  const canVerify = useCan('case.verify');
  const me = useMe();
  const isDepartment = me.grants.find((g) => g.id === me.activeGrantId)?.role === 'department_officer';
  const c = q.data;
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  if (!c || String(c.id) !== id) return <Skeleton active />;

  const actions = c.actions ?? {};
  // the server answers every action with allowed or why not; a greyed button is worth showing
  // only to a role that could ever take it (吹哨 to the street, 报到 to departments, 核实 to
  // those who verify), else the company would see buttons that are never theirs
  const relevant = (k: CaseAction) =>
    actions[k]!.allowed || (k === 'callDepartments' ? canDispatch : k === 'verify' ? canVerify : k === 'report' ? isDepartment : !isDepartment);
  const location = c.locationLabel || c.locationText || '';
  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-title">
            {c.title} <CaseStateTag state={c.state} label={c.stateLabel} /> <PriorityTag priority={c.priority} />
            {c.overdue && <Tag color="red">已超时</Tag>}
            {c.verifiedAt && <Tag color="purple">投诉属实</Tag>}
          </Typography.Title>
          <Typography.Text type="secondary">{c.no} · {c.estateName} · {c.categoryLabel || CASE_CATEGORY_LABELS[c.category]}</Typography.Text>
        </div>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }} data-testid="case-actions">
          {BUTTONS.filter((k) => actions[k] && relevant(k)).map((k) => {
            const s = actions[k]!;
            const button = (
              <Button
                key={k}
                type={k === 'resolve' || k === 'respond' || k === 'callDepartments' || k === 'report' ? 'primary' : 'default'}
                disabled={!s.allowed}
                onClick={() => setAction(k)}
                data-testid={`case-action-${k}`}
              >
                {CASE_ACTION_LABELS[k]}
              </Button>
            );
            // a refused action stays visible, greyed, with the server's reason
            return s.allowed ? button : <Tooltip key={k} title={s.reason}>{button}</Tooltip>;
          })}
          <Button icon={<PrinterOutlined />} onClick={() => navigate(`/cases/${c.id}/print`)} data-testid="case-print">打印</Button>
          <Button onClick={() => navigate('/cases')}>返回列表</Button>
        </div>
      </div>
      {c.mergedInto && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={<>本案已合并至 <Link to={`/cases/${c.mergedInto.id}`}>{c.mergedInto.no}</Link>，后续进展见该案件。</>} data-testid="case-merged-into" />
      )}
      {actions.merge?.allowed && <DuplicatesPanel detail={c} onMerged={(survivor) => (survivor === c.id ? q.reload() : navigate(`/cases/${survivor}`))} />}
      {(c.departmentCalls ?? []).length > 0 && (
        // at the department rung the calls are what the case waits on: full width, on top
        <Card size="small" title="吹哨报到" style={{ marginBottom: 16 }}>
          <DepartmentCallsTable rows={c.departmentCalls} />
        </Card>
      )}
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small" title="案件信息" style={{ marginBottom: 16 }}>
            <Descriptions
              bordered
              size="small"
              column={2}
              styles={{ label: { whiteSpace: 'nowrap' } }}
              data-testid="case-details"
              items={[
                { key: 'loc', label: '位置', children: location },
                { key: 'by', label: '反映人', children: c.filedByLabel },
                { key: 'level', label: '当前办理', children: <span data-testid="case-level">{c.levelLabel || CASE_LEVEL_LABELS[c.level]}{c.handlerName && c.handlerName !== c.levelLabel ? ` · ${c.handlerName}` : ''}</span> },
                { key: 'assignee', label: '经办人', children: <span data-testid="case-assignee-view">{c.assigneeName || '—'}</span> },
                { key: 'respond', label: '响应时限', children: <>{formatDateTime(c.respondDueAt) || '—'}{c.firstRespondedAt && <Typography.Text type="secondary">（{formatDateTime(c.firstRespondedAt)} 已响应）</Typography.Text>}</> },
                { key: 'resolve', label: '办结时限', children: formatDateTime(c.resolveDueAt) || '—' },
                { key: 'next', label: '当前时限', children: <DueCell dueAt={c.nextDueAt ?? c.resolveDueAt} overdue={c.overdue} state={c.state} testId="case-due" /> },
                { key: 'created', label: '提交时间', children: formatDateTime(c.createdAt) },
                ...(c.resolvedAt ? [{ key: 'resolved', label: '办结时间', children: formatDateTime(c.resolvedAt) }] : []),
                ...(c.state === 'resolved' && c.autoCloseAt ? [{ key: 'auto', label: '自动关闭', children: `${formatDateTime(c.autoCloseAt)}（业主未确认时）` }] : []),
                ...(c.closedAt ? [{ key: 'closed', label: '关闭', children: `${formatDateTime(c.closedAt)}${c.closeKind === 'auto' ? '（到期自动关闭）' : '（业主确认）'}` }] : []),
                ...(c.rating ? [{ key: 'rating', label: '业主评价', span: 2, children: <><Rate disabled value={c.rating} style={{ fontSize: 14 }} /> {c.ratingComment}</> }] : []),
                { key: 'reopen', label: '重开次数', children: c.reopenCount },
                { key: 'followers', label: '关注人数', children: c.followers },
                { key: 'desc', label: '问题描述', span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.description}</span> },
              ]}
            />
          </Card>
          <Card size="small" title="照片" style={{ marginBottom: 16 }}>
            <CasePhotos attachments={c.attachments ?? []} />
          </Card>
          {(c.escalations ?? []).length > 0 && (
            <Card size="small" title="升级记录" style={{ marginBottom: 16 }}>
              <EscalationsTable rows={c.escalations} />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title="办理进程">
            <CaseTimeline events={c.timeline ?? []} />
          </Card>
        </Col>
      </Row>
      <CaseActionModal
        action={action}
        detail={c}
        onClose={() => setAction(null)}
        onDone={(a) => {
          setAction(null);
          message.success(DONE[a]);
          q.reload();
        }}
      />
    </div>
  );
}
