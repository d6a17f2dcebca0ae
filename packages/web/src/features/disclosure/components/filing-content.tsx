import { Card, Descriptions, Empty, Table } from 'antd';
import { Link } from 'react-router';
import { formatFen } from '../../funds/money.ts';
import { periodLabel } from '../labels.ts';
import type { FilingDetail } from '../types.ts';

type Fee = FilingDetail['content']['feeStandards'][number];
type Contractor = FilingDetail['content']['contractors'][number];

/** A filed (or read-only) package: fee standards, the contract, contractors, the linked statements, notes. */
export function FilingContent({ filing }: { filing: FilingDetail }) {
  const c = filing.content;
  const r = filing.revenueStatement;
  const fund = filing.fundStatement;
  return (
    <div data-testid="filing-content">
      <Card size="small" title="收费标准" style={{ marginBottom: 16 }}>
        <Table<Fee>
          rowKey={(x) => `${x.item}-${x.unit}`}
          size="small"
          pagination={false}
          dataSource={c.feeStandards}
          locale={{ emptyText: '未填写' }}
          columns={[
            { title: '收费项目', dataIndex: 'item' },
            { title: '计费依据', dataIndex: 'basis' },
            { title: '单价', dataIndex: 'priceFen', width: 140, align: 'right', render: (v: number) => formatFen(v) },
            { title: '计价单位', dataIndex: 'unit', width: 120 },
          ]}
        />
      </Card>
      <Card size="small" title="物业服务合同" style={{ marginBottom: 16 }}>
        {c.serviceContract ? (
          <Descriptions size="small" column={2}>
            <Descriptions.Item label="服务企业">{c.serviceContract.companyName}</Descriptions.Item>
            <Descriptions.Item label="合同期限">{c.serviceContract.startsOn || '—'} 至 {c.serviceContract.endsOn || '—'}</Descriptions.Item>
            <Descriptions.Item label="主要内容" span={2}>{c.serviceContract.summary || '—'}</Descriptions.Item>
          </Descriptions>
        ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未填写" />}
      </Card>
      <Card size="small" title="专项服务外包单位" style={{ marginBottom: 16 }}>
        <Table<Contractor>
          rowKey={(x) => `${x.name}-${x.service}`}
          size="small"
          pagination={false}
          dataSource={c.contractors}
          locale={{ emptyText: '无' }}
          columns={[
            { title: '单位名称', dataIndex: 'name' },
            { title: '服务内容', dataIndex: 'service' },
            { title: '合同金额', dataIndex: 'amountFen', width: 140, align: 'right', render: (v: number) => formatFen(v) },
            { title: '期限', width: 220, render: (_, x) => (x.startsOn || x.endsOn ? `${x.startsOn ?? ''} 至 ${x.endsOn ?? ''}` : '—') },
          ]}
        />
      </Card>
      <Card size="small" title="收支情况" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="公共收益公示">
            {r ? (
              <Link to={`/revenue/statements/${r.id}`}>
                {periodLabel(r.periodKey)}：期初 {formatFen(r.openingFen)}，收入 {formatFen(r.incomeFen)}，支出 {formatFen(r.expenseFen)}，期末 {formatFen(r.closingFen)}
              </Link>
            ) : '未关联'}
          </Descriptions.Item>
          <Descriptions.Item label="维修资金对账单">
            {fund ? `${fund.periodStart} ~ ${fund.periodEnd}：期初 ${formatFen(fund.openingFen)}，期末 ${formatFen(fund.closingFen)}` : '未关联'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="说明" style={{ marginBottom: 16 }}>
        <div style={{ whiteSpace: 'pre-wrap' }}>{c.notes || '—'}</div>
      </Card>
    </div>
  );
}
