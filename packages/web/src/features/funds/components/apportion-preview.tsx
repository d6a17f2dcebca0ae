import { Alert, Descriptions, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, apiPost } from '../../../app/api.ts';
import { formatArea } from '../../../app/format.ts';
import { formatFen } from '../money.ts';
import type { ApportionPreview as Preview, FundShare } from '../types.ts';

export interface PreviewInput {
  estateId?: number;
  scopeKind?: 'units' | 'buildings' | 'facility';
  buildingIds?: number[];
  unitIds?: number[];
  budgetFen: number | null;
}

/**
 * The live apportionment (分摊) of the budget to the units in scope, recomputed by the server
 * (largest remainder to the fen, TALLY-SPEC §2) a moment after the applicant stops typing. The
 * client never computes shares itself: what is shown is what will be frozen at submission.
 */
export function ApportionPreview({ input }: { input: PreviewInput }) {
  const [data, setData] = useState<Preview>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const ids = input.scopeKind === 'buildings' ? input.buildingIds ?? [] : input.unitIds ?? [];
  const ready = !!input.estateId && !!input.scopeKind && ids.length > 0 && !!input.budgetFen && input.budgetFen > 0;
  const key = JSON.stringify([input.estateId, input.scopeKind, ids, input.budgetFen]);

  useEffect(() => {
    if (!ready) {
      setData(undefined);
      setError(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      setLoading(true);
      apiPost<Preview>(`/estates/${input.estateId}/fund/apportion-preview`, {
        scopeKind: input.scopeKind,
        buildingIds: input.scopeKind === 'buildings' ? ids : [],
        unitIds: input.scopeKind === 'buildings' ? [] : ids,
        budgetFen: input.budgetFen,
      })
        .then((d) => live && (setData(d), setError(undefined)))
        .catch((e) => live && setError(e instanceof ApiError ? (e.issues[0]?.message ?? e.message) : String(e)))
        .finally(() => live && setLoading(false));
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // key captures the inputs
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ready]);

  if (!ready) {
    return <Alert type="info" showIcon title="选择列支范围并填写预算后，这里显示每户按面积分摊的金额" data-testid="preview-empty" />;
  }
  if (error) return <Alert type="error" showIcon title={error} data-testid="preview-error" />;
  return (
    <div data-testid="apportion-preview">
      {data && data.shortfallFen > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`列支范围内维修资金余额不足：预算超出余额 ${formatFen(data.shortfallFen)}`}
          description="余额不足时无法提交申请；可缩小预算、分期实施，或先提请业主大会续筹（第6项事项）。"
          data-testid="preview-shortfall"
        />
      )}
      {data && (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2, xl: 4 }}
          style={{ marginBottom: 12 }}
          items={[
            { key: 'n', label: '分摊户数', children: `${data.unitCount} 户` },
            { key: 'area', label: '总建筑面积', children: formatArea(data.totalAreaCenti) },
            { key: 'sum', label: '分摊合计', children: <span data-testid="preview-total">{formatFen(data.shares.reduce((s, x) => s + x.shareFen, 0))}{data.developerFen > 0 ? `（其中建设单位 ${formatFen(data.developerFen)}）` : ''}</span> },
            { key: 'bal', label: '范围内余额', children: formatFen(data.scopeBalanceFen) },
          ]}
        />
      )}
      <Table<FundShare>
        rowKey="unitId"
        size="small"
        loading={loading}
        dataSource={data?.shares ?? []}
        pagination={{ pageSize: 10, size: 'small', showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { title: '房屋', dataIndex: 'unit', width: 120 },
          { title: '建筑面积', dataIndex: 'areaCenti', width: 130, align: 'right', render: (v: number) => formatArea(v) },
          { title: '分摊金额', dataIndex: 'shareFen', width: 140, align: 'right', render: (v: number) => formatFen(v) },
          {
            title: '承担方', dataIndex: 'payer', width: 130,
            render: (p?: string) => (p === 'developer' ? <Tag color="orange">建设单位（未售）</Tag> : '业主'),
          },
          { title: '该户余额', dataIndex: 'balanceFen', width: 140, align: 'right', render: (v: number) => formatFen(v) },
        ]}
      />
    </div>
  );
}
