import { App, Button, Popconfirm, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, apiPost } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { useApi } from '../../../app/use-api.ts';
import { formatBp, formatFen } from '../money.ts';
import type { FundApplicationDetail, FundStage, FundStages } from '../types.ts';

/**
 * The payment stages. Stages before the last are paid here by the district (one withdrawal per
 * stage: the database refuses a second); the last stage is paid at settlement with the actual cost.
 */
export function StagesCard({ app, onChanged }: { app: FundApplicationDetail; onChanged: () => void }) {
  const { message } = App.useApp();
  const q = useApi<FundStages>(`/fund/applications/${app.id}/stages`);
  const stages = q.data?.stages ?? [];
  const [busy, setBusy] = useState<number | null>(null);
  const canPay = app.availableActions.includes('disburse');
  const pay = async (stageNo: number) => {
    setBusy(stageNo);
    try {
      await apiPost(`/fund/applications/${app.id}/stages/${stageNo}/disburse`, app.contractorName ? { payee: app.contractorName } : {});
      message.success(`第 ${stageNo} 期款项已拨付`);
      q.reload();
      onChanged();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div data-testid="fund-stages">
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {q.data && (
        <p style={{ marginTop: 0 }} data-testid="stages-summary">
          预算 {formatFen(q.data.budgetFen)}{q.data.actualCostFen !== null ? `，实际费用 ${formatFen(q.data.actualCostFen)}` : ''}，已拨付 <strong>{formatFen(q.data.paidFen)}</strong>
        </p>
      )}
      <Table<FundStage>
        rowKey="stageNo"
        size="small"
        loading={q.loading}
        dataSource={stages}
        pagination={false}
        columns={[
          { title: '期次', dataIndex: 'stageNo', width: 140, render: (n: number) => (stages.find((s) => s.stageNo === n)?.final ? `第 ${n} 期（结算）` : `第 ${n} 期`) },
          { title: '比例', dataIndex: 'basisPoints', width: 90, render: (bp: number) => formatBp(bp) },
          { title: '计划金额', dataIndex: 'plannedFen', width: 140, align: 'right', render: (v: number) => formatFen(v) },
          {
            title: '拨付情况',
            render: (_, s) => (s.paid
              ? (
                <span data-testid={`stage-${s.stageNo}-paid`}>
                  <Tag color="green">已拨付</Tag>{formatFen(s.paid.fen)} · {s.paid.bookedOn}{s.paid.payee ? ` · ${s.paid.payee}` : ''}
                  {s.returned && <span style={{ display: 'block' }}><Tag color="blue">多拨退回</Tag>{formatFen(s.returned.fen)} · {s.returned.bookedOn}</span>}
                </span>
              )
              : s.final ? (s.returned ? <span><Tag color="blue">多拨退回</Tag>{formatFen(s.returned.fen)} · {s.returned.bookedOn}</span> : <Tag>结算时按实际费用拨付</Tag>) : <Tag color="default">未拨付</Tag>),
          },
          {
            title: '操作', width: 130,
            render: (_, s) => canPay && !s.paid && !s.final && (
              <Popconfirm
                title={`拨付第 ${s.stageNo} 期`}
                description={`将按冻结的面积分摊从各户账户划出 ${formatFen(s.plannedFen)} 付给施工单位。确认拨付？`}
                okText="拨付"
                cancelText="取消"
                onConfirm={() => pay(s.stageNo)}
              >
                <Button type="primary" size="small" loading={busy === s.stageNo} data-testid={`disburse-${s.stageNo}`}>拨付</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </div>
  );
}
