import { App, Button, DatePicker, Form, Input, Modal, Progress, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, apiPost } from '../../../app/api.ts';
import { useCan } from '../../../app/auth.tsx';
import { formatFen } from '../money.ts';
import type { EstateFund, FundBuilding } from '../types.ts';

/**
 * Each building's balance against its initial deposit. Below 30% the building is flagged and the
 * committee is offered a replenishment item (matter 6, 筹集维修资金) for a meeting.
 */
export function BuildingsTable({ fund, onPick }: { fund: EstateFund; onPick: (b: FundBuilding) => void }) {
  const canConvene = useCan('meeting.convene');
  const [offer, setOffer] = useState<FundBuilding | null>(null);
  return (
    <>
      <Table<FundBuilding>
        rowKey="buildingId"
        size="small"
        dataSource={fund.buildings}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="fund-buildings"
        columns={[
          { title: '楼栋', dataIndex: 'name', width: 120, render: (v: string, b) => <a onClick={() => onPick(b)}>{v}</a> },
          { title: '户数', dataIndex: 'unitCount', width: 80, align: 'right' },
          { title: '首期交存', dataIndex: 'initialFen', width: 150, align: 'right', render: (v: number) => formatFen(v) },
          { title: '当前余额', dataIndex: 'balanceFen', width: 150, align: 'right', render: (v: number) => formatFen(v) },
          {
            title: '余额占首期', dataIndex: 'ratioPct', width: 220,
            render: (p: number | null, b) => (p === null ? '—' : (
              <Progress percent={Math.max(0, Math.min(100, Math.round(p)))} size="small" status={b.belowLine ? 'exception' : 'normal'} format={() => `${p.toFixed(1)}%`} />
            )),
          },
          {
            title: '续筹', width: 230,
            render: (_, b) => b.belowLine ? (
              <span data-testid={`below-line-${b.buildingId}`}>
                <Tag color="red">低于30%，应续筹</Tag>
                {canConvene && <Button size="small" onClick={() => setOffer(b)} data-testid={`replenish-${b.buildingId}`}>提请续筹</Button>}
              </span>
            ) : b.initialFen === 0 ? <Tag>未交存</Tag> : <Tag color="green">正常</Tag>,
          },
        ]}
      />
      <ReplenishModal estateId={fund.estateId} building={offer} onClose={() => setOffer(null)} />
    </>
  );
}

function ReplenishModal({ estateId, building, onClose }: { estateId: number; building: FundBuilding | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const opens = dayjs().add(17, 'day').hour(9).minute(0).second(0).millisecond(0);
  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const r = await apiPost<{ meetingId?: number; id?: number }>(`/estates/${estateId}/fund/buildings/${building!.buildingId}/replenishment-item`, {
        newMeeting: { title: v.title.trim(), votingOpensAt: v.opens.toISOString(), votingClosesAt: v.closes.toISOString() },
      });
      message.success('已在会议草稿中加入续筹议题');
      onClose();
      const mid = r?.meetingId ?? r?.id;
      if (mid) navigate(`/meetings/${mid}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={building !== null} title={`提请续筹：${building?.name ?? ''}`} okText="加入会议草稿" cancelText="取消" onOk={() => void ok()} onCancel={onClose} okButtonProps={{ loading: busy }} destroyOnHidden>
      <p style={{ color: '#667085' }}>该楼栋维修资金余额已不足首期交存额的30%。将新建一次业主大会会议草稿，加入“筹集建筑物及其附属设施的维修资金”（第6项）议题，表决范围限于该楼栋业主，须四分之三以上同意。</p>
      {error && <p style={{ color: '#d92d20' }}>{error}</p>}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ title: `${building?.name ?? ''}维修资金续筹业主大会会议`, opens, closes: opens.add(14, 'day').hour(18) }}>
        <Form.Item name="title" label="会议名称" rules={[{ required: true, whitespace: true, message: '请填写会议名称' }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="opens" label="投票开始" rules={[{ required: true }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
        <Form.Item name="closes" label="投票截止" rules={[{ required: true }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
      </Form>
    </Modal>
  );
}
