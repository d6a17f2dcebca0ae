import { Alert, App, Button, Col, Descriptions, Empty, Form, Input, Row, Select, Skeleton, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { EstateView } from '@gongzhi/contracts';
import { ApiError, apiPost } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { Page } from '../../../app/components/page.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { useApi } from '../../../app/use-api.ts';
import { applyNestedErrors } from '../../meetings/components/form-errors.ts';
import { formatFen, parseYuan } from '../../funds/money.ts';
import { EstateSelect } from '../../registry/index.ts';
import { CategoryTable } from '../components/category-table.tsx';
import { PERIOD_KIND_LABELS, lastCompletePeriodKey, periodLabel, recentPeriodKeys, todayInShanghai } from '../labels.ts';
import type { RevenuePreview, RevenueStatementSummary } from '../types.ts';

type Kind = 'month' | 'quarter';
interface Values { declaredClosingYuan: string; note?: string }

/** a balance may be below zero (expenses paid ahead of income): "-12.30" → -1230 fen */
function signedYuan(text: string): number | null {
  const t = text.trim();
  const fen = parseYuan(t.replace(/^-/, ''));
  return fen === null ? null : t.startsWith('-') ? -fen : fen;
}

/**
 * 编制收益公示: choose the period, read the live figures, declare the closing balance as counted
 * (bank statement). The server recomputes it; a difference is refused and said on that field.
 */
export function StatementNewPage() {
  return (
    <RequirePermission permission="revenue.ledger">
      <StatementNew />
    </RequirePermission>
  );
}

function StatementNew() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const estateId = params.get('estateId') ? Number(params.get('estateId')) : undefined;
  const today = todayInShanghai();
  const kind = (params.get('periodKind') as Kind | null) ?? 'quarter';
  const periodKey = params.get('periodKey') ?? lastCompletePeriodKey(kind, today);
  const set = (patch: Record<string, string | number | undefined>) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      for (const [k, v] of Object.entries(patch)) (v === undefined || v === '' ? n.delete(k) : n.set(k, String(v)));
      return n;
    }, { replace: true });
  const keys = useMemo(() => recentPeriodKeys(kind, today, kind === 'month' ? 24 : 8), [kind, today]);
  const estate = useApi<EstateView>(estateId ? `/estates/${estateId}` : null);
  const preview = useApi<RevenuePreview>(estateId ? `/estates/${estateId}/revenue/preview` : null, { periodKind: kind, periodKey });
  const p = preview.data;
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const publish = async () => {
    if (!estateId) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const s = await apiPost<RevenueStatementSummary>(`/estates/${estateId}/revenue/statements`, {
        periodKind: kind, periodKey, declaredClosingFen: signedYuan(v.declaredClosingYuan), note: v.note?.trim() || undefined,
      });
      message.success(`${periodLabel(periodKey)}公共收益公示已发布`);
      navigate(`/revenue/statements/${s.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'REVENUE_UNBALANCED') {
        // the difference goes on the declared balance itself, with the books' figure to compare
        const d = e.details as { differenceFen?: number; computedClosingFen?: number } | undefined;
        const diff = d?.differenceFen;
        const text = diff !== undefined
          ? `与账面计算不符：差额 ${formatFen(diff, { sign: true })}${d?.computedClosingFen !== undefined ? `（账面期末余额 ${formatFen(d.computedClosingFen)}）` : ''}`
          : e.message;
        form.setFields([{ name: 'declaredClosingYuan', errors: [text] }]);
      } else {
        setError(applyNestedErrors(form, e, { declaredClosingFen: 'declaredClosingYuan' }));
      }
    } finally {
      setBusy(false);
    }
  };

  const blocked = !p || p.overlaps.length > 0 || !p.periodEnded || p.unstatedEarlierCount > 0;
  return (
    <Page title="编制公共收益公示">
      <Space wrap style={{ marginBottom: 16 }}>
        <EstateSelect value={estateId} onChange={(v) => set({ estateId: v })} allowClear={false} placeholder="选择小区" />
        <Select<Kind>
          value={kind}
          style={{ width: 110 }}
          onChange={(k) => set({ periodKind: k, periodKey: lastCompletePeriodKey(k, today) })}
          options={(['quarter', 'month'] as const).map((k) => ({ value: k, label: PERIOD_KIND_LABELS[k] }))}
          data-testid="statement-kind"
        />
        <Select
          value={periodKey}
          style={{ width: 180 }}
          onChange={(k) => { set({ periodKey: k }); form.setFields([{ name: 'declaredClosingYuan', errors: [] }]); }}
          options={keys.map((k) => ({ value: k, label: periodLabel(k) }))}
          data-testid="statement-period"
        />
      </Space>
      {!estateId && <Empty description="请选择小区" />}
      <ErrorAlert error={preview.error} onRetry={preview.reload} />
      {estateId && !p && !preview.error && <Skeleton active />}
      {p && (
        <Row gutter={24}>
          <Col xs={24} lg={13}>
            <Descriptions size="small" column={2} style={{ marginBottom: 12 }} data-testid="statement-preview">
              <Descriptions.Item label="小区">{estate.data?.name ?? ''}</Descriptions.Item>
              <Descriptions.Item label="期间">{p.periodLabel}（{p.periodStart} ~ {p.periodEnd}）</Descriptions.Item>
              <Descriptions.Item label="本期分录">{p.entryCount} 笔</Descriptions.Item>
              <Descriptions.Item label="分摊户数">{p.unitCount} 户</Descriptions.Item>
              <Descriptions.Item label="账面期末余额"><strong data-testid="preview-closing">{formatFen(p.closingFen)}</strong></Descriptions.Item>
            </Descriptions>
            <CategoryTable byCategory={p.byCategory} openingFen={p.openingFen} incomeFen={p.incomeFen} expenseFen={p.expenseFen} netFen={p.netFen} closingFen={p.closingFen} testId="preview-categories" />
          </Col>
          <Col xs={24} lg={11}>
            {p.overlaps.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`该期间与已发布的公示（${p.overlaps.map((o) => o.periodLabel).join('、')}）重叠，不能再次发布`} />}
            {!p.periodEnded && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="该期间尚未结束，期满后才能发布公示" />}
            {p.unstatedEarlierCount > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`本期之前还有 ${p.unstatedEarlierCount} 笔收支未经公示，请先发布它们所在期间的公示`} />}
            {p.entryCount === 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="本期没有收支记录；发布后公示本期收支为零" />}
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="statement-error" />}
            <Form form={form} layout="vertical">
              <Form.Item
                name="declaredClosingYuan"
                required
                label="申报期末余额（元）"
                extra="按银行对账单或实际结存填写；与账面期末余额一致才能发布"
                rules={[{ validator: (_, v?: string) => (v && signedYuan(v) !== null ? Promise.resolve() : Promise.reject(new Error('请填写期末余额（元），最多两位小数'))) }]}
              >
                <Input prefix="¥" suffix="元" inputMode="decimal" style={{ width: 260 }} data-testid="declared-closing" />
              </Form.Item>
              <Form.Item name="note" label="说明（可选）">
                <Input.TextArea rows={3} maxLength={2000} showCount data-testid="statement-note" />
              </Form.Item>
              <p style={{ color: '#667085' }}>发布后向全体业主公告，并按建筑面积计算每户应享有的净收益份额；已公示期间的账目封存，不能再记账。</p>
              <Button type="primary" loading={busy} disabled={blocked} onClick={() => void publish()} data-testid="publish-statement">发布公示</Button>
            </Form>
          </Col>
        </Row>
      )}
    </Page>
  );
}
