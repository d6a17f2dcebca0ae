import { CASE_AUTO_CLOSE_DAYS_MAX, CASE_AUTO_CLOSE_DAYS_MIN } from '@gongzhi/contracts';
import { CASE_DEADLINE_AMOUNT_MAX, CASE_DEADLINE_AMOUNT_MIN } from '@gongzhi/domain';
import { Alert, App, Button, Card, Empty, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { useApi } from '../../../app/use-api.ts';
import { EstateSelect } from '../../registry/index.ts';
import { CASE_CATEGORY_LABELS, CASE_DEADLINE_UNIT_LABELS, ROUTING_PARTY_OPTIONS } from '../labels.ts';
import type { CaseRulesView, DeadlineRuleView, DepartmentView, RoutingRuleView } from '../types.ts';

// 办理规则: for one estate, who receives each category first (routing), the response and
// resolution deadlines per category and priority (in working hours or working days), and the days
// after which a resolved case closes itself. Rows without an estate rule show the platform default;
// saving sends only the rows changed here.

const unitOptions = Object.entries(CASE_DEADLINE_UNIT_LABELS).map(([value, label]) => ({ value, label }));
const sameRouting = (a: RoutingRuleView, b: RoutingRuleView) => a.party === b.party && (a.departmentId ?? null) === (b.departmentId ?? null);
const sameDeadline = (a: DeadlineRuleView, b: DeadlineRuleView) =>
  a.respondAmount === b.respondAmount && a.respondUnit === b.respondUnit && a.resolveAmount === b.resolveAmount && a.resolveUnit === b.resolveUnit;
const dlKey = (d: { category: string; priority: string }) => `${d.category}:${d.priority}`;

export function CaseRulesPage() {
  return (
    <RequirePermission permission="case.read">
      <Rules />
    </RequirePermission>
  );
}

function Rules() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const estateId = params.get('estateId') ? Number(params.get('estateId')) : undefined;
  const canEdit = useCan('case.configure');
  const first = useApi<{ items: { id: number }[]; total: number }>(estateId ? null : '/estates', { page: 1, pageSize: 2 });
  useEffect(() => {
    // one estate in scope (a committee, a small company): open it at once
    if (!estateId && first.data?.total === 1) setParams({ estateId: String(first.data.items[0].id) }, { replace: true });
  }, [first.data, estateId, setParams]);
  const q = useApi<CaseRulesView>(estateId ? `/estates/${estateId}/case-rules` : null);
  const departments = useApi<{ items: DepartmentView[] }>(estateId && canEdit ? '/departments' : null, { estateId });
  const [routing, setRouting] = useState<RoutingRuleView[]>([]);
  const [deadlines, setDeadlines] = useState<DeadlineRuleView[]>([]);
  const [autoClose, setAutoClose] = useState<number>(7);
  // rows of this estate's own put back to the platform default on save
  const [resets, setResets] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const r = q.data;
  useEffect(() => {
    if (!r) return;
    setRouting(r.routing);
    setDeadlines(r.deadlines);
    setAutoClose(r.autoCloseDays);
    setResets(new Set());
    setEditing(false);
    setError(null);
  }, [r]);

  const save = async () => {
    if (!r || !estateId) return;
    const changedRouting = routing.filter((x) => !resets.has(`r:${x.category}`) && !sameRouting(x, r.routing.find((o) => o.category === x.category)!));
    const changedDeadlines = deadlines.filter((x) => !resets.has(`d:${dlKey(x)}`) && !sameDeadline(x, r.deadlines.find((o) => dlKey(o) === dlKey(x))!));
    const resetRouting = r.routing.filter((x) => resets.has(`r:${x.category}`)).map((x) => x.category);
    const resetDeadlines = r.deadlines.filter((x) => resets.has(`d:${dlKey(x)}`)).map((x) => ({ category: x.category, priority: x.priority }));
    const missingDept = changedRouting.find((x) => x.party === 'department' && !x.departmentId);
    if (missingDept) {
      setError(`“${CASE_CATEGORY_LABELS[missingDept.category]}”分派给职能部门时须选择部门`);
      return;
    }
    const body = {
      ...(changedRouting.length ? { routing: changedRouting.map((x) => ({ category: x.category, party: x.party, departmentId: x.party === 'department' ? x.departmentId : null })) } : {}),
      ...(changedDeadlines.length ? {
        deadlines: changedDeadlines.map((x) => ({
          category: x.category, priority: x.priority, respondAmount: x.respondAmount, respondUnit: x.respondUnit, resolveAmount: x.resolveAmount, resolveUnit: x.resolveUnit,
        })),
      } : {}),
      ...(resetRouting.length ? { resetRouting } : {}),
      ...(resetDeadlines.length ? { resetDeadlines } : {}),
      ...(autoClose !== r.autoCloseDays ? { autoCloseDays: autoClose } : {}),
    };
    if (!Object.keys(body).length) {
      setEditing(false);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api('PUT', `/estates/${estateId}/case-rules`, { body });
      message.success('办理规则已保存，此后提交或升级的案件按新规则计算时限');
      q.reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const setRow = (category: string, patch: Partial<RoutingRuleView>) =>
    setRouting((list) => list.map((x) => (x.category === category ? { ...x, ...patch } : x)));
  const setDl = (key: string, patch: Partial<DeadlineRuleView>) =>
    setDeadlines((list) => list.map((x) => (dlKey(x) === key ? { ...x, ...patch } : x)));
  const source = (isDefault: boolean, key: string) => {
    if (isDefault) return <Tag>平台默认</Tag>;
    if (!editing) return <Tag color="blue">本小区规则</Tag>;
    const on = resets.has(key);
    const toggle = () => setResets((s) => { const n = new Set(s); if (on) n.delete(key); else n.add(key); return n; });
    return on
      ? <Space size={4}><Tag color="orange">将恢复默认</Tag><a onClick={toggle}>撤销</a></Space>
      : <Space size={4}><Tag color="blue">本小区规则</Tag><a onClick={toggle} data-testid={`reset-${key}`}>恢复默认</a></Space>;
  };

  return (
    <Page
      title="案件办理规则"
      extra={r && canEdit && (editing ? (
        <Space>
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="rules-save">保存</Button>
          <Button onClick={() => { setRouting(r.routing); setDeadlines(r.deadlines); setAutoClose(r.autoCloseDays); setResets(new Set()); setEditing(false); setError(null); }}>取消</Button>
        </Space>
      ) : <Button onClick={() => setEditing(true)} data-testid="rules-edit">修改</Button>)}
    >
      <FilterBar>
        <EstateSelect value={estateId} onChange={(v) => setParams(v ? { estateId: String(v) } : {}, { replace: true })} allowClear={false} placeholder="选择小区" />
      </FilterBar>
      {!estateId && <Empty description="请选择小区" />}
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {error && <Alert type="error" showIcon closable onClose={() => setError(null)} title={error} style={{ marginBottom: 16 }} data-testid="rules-error" />}
      {r && (
        <div style={{ display: 'grid', gap: 16 }}>
          <Card size="small" title="自动关闭">
            <Space>
              办结后业主未确认的，
              {editing ? <InputNumber min={CASE_AUTO_CLOSE_DAYS_MIN} max={CASE_AUTO_CLOSE_DAYS_MAX} precision={0} value={autoClose} onChange={(v) => setAutoClose(v ?? r.autoCloseDays)} data-testid="rules-auto-close" /> : <strong data-testid="rules-auto-close-view">{r.autoCloseDays}</strong>}
              天后自动关闭（按自然日计算）。
              {!editing && r.autoCloseIsDefault && <Tag>平台默认</Tag>}
            </Space>
          </Card>
          <Card size="small" title="分派规则：案件首先由谁办理">
            <Table<RoutingRuleView>
              rowKey="category"
              size="small"
              pagination={false}
              dataSource={routing}
              data-testid="rules-routing"
              columns={[
                { title: '类别', dataIndex: 'categoryLabel', width: 160 },
                {
                  title: '首办方', key: 'party', width: 420,
                  render: (_, x) => (editing && !resets.has(`r:${x.category}`) ? (
                    <Space>
                      <Select
                        style={{ width: 160 }}
                        value={x.party}
                        onChange={(party) => setRow(x.category, { party, departmentId: party === 'department' ? x.departmentId : null })}
                        options={ROUTING_PARTY_OPTIONS}
                        data-testid={`routing-party-${x.category}`}
                      />
                      {x.party === 'department' && (
                        <Select
                          style={{ width: 220 }}
                          placeholder="选择部门"
                          value={x.departmentId ?? undefined}
                          onChange={(departmentId) => setRow(x.category, { departmentId })}
                          options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
                          data-testid={`routing-department-${x.category}`}
                        />
                      )}
                    </Space>
                  ) : (
                    <span data-testid={`routing-view-${x.category}`}>{x.partyLabel}{x.departmentName ? `：${x.departmentName}` : ''}</span>
                  )),
                },
                { title: '来源', dataIndex: 'isDefault', width: 190, render: (d: boolean, x) => source(d, `r:${x.category}`) },
              ]}
            />
          </Card>
          <Card size="small" title="办理时限：响应与办结（节假日按国家安排顺延）">
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              工作时间为工作日 9:00—18:00；按“工作日”计的时限于第 N 个工作日 18:00 到期。升级后的每一层级重新按本规则计算时限。
            </Typography.Paragraph>
            <Table<DeadlineRuleView>
              rowKey={dlKey}
              size="small"
              pagination={false}
              dataSource={deadlines}
              data-testid="rules-deadlines"
              columns={[
                { title: '类别', dataIndex: 'categoryLabel', width: 160 },
                { title: '紧急程度', dataIndex: 'priority', width: 90, render: (p: string, x) => (p === 'urgent' ? <Tag color="red">{x.priorityLabel}</Tag> : x.priorityLabel) },
                { title: '响应时限', key: 'respond', width: 230, render: (_, x) => amount(x, 'respond', editing && !resets.has(`d:${dlKey(x)}`), setDl) },
                { title: '办结时限', key: 'resolve', width: 230, render: (_, x) => amount(x, 'resolve', editing && !resets.has(`d:${dlKey(x)}`), setDl) },
                { title: '来源', dataIndex: 'isDefault', width: 190, render: (d: boolean, x) => source(d, `d:${dlKey(x)}`) },
              ]}
            />
          </Card>
        </div>
      )}
    </Page>
  );
}

function amount(x: DeadlineRuleView, which: 'respond' | 'resolve', editing: boolean, setDl: (key: string, patch: Partial<DeadlineRuleView>) => void) {
  const a = which === 'respond' ? x.respondAmount : x.resolveAmount;
  const u = which === 'respond' ? x.respondUnit : x.resolveUnit;
  if (!editing) return `${a} ${CASE_DEADLINE_UNIT_LABELS[u]}`;
  const id = `${which}-${x.category}-${x.priority}`;
  return (
    <Space.Compact>
      <InputNumber
        min={CASE_DEADLINE_AMOUNT_MIN}
        max={CASE_DEADLINE_AMOUNT_MAX}
        precision={0}
        style={{ width: 80 }}
        value={a}
        onChange={(v) => v && setDl(dlKey(x), which === 'respond' ? { respondAmount: v } : { resolveAmount: v })}
        data-testid={`deadline-amount-${id}`}
      />
      <Select
        style={{ width: 110 }}
        value={u}
        onChange={(v) => setDl(dlKey(x), which === 'respond' ? { respondUnit: v } : { resolveUnit: v })}
        options={unitOptions}
        data-testid={`deadline-unit-${id}`}
      />
    </Space.Compact>
  );
}
