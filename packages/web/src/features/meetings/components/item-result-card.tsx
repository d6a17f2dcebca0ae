import { DownloadOutlined } from '@ant-design/icons';
import type { ItemResultView } from '@gongzhi/contracts';
import { App, Button, Card, Descriptions, Table, Tag, Typography } from 'antd';
import { ApiError, apiDownload } from '../../../app/api.ts';
import { formatArea } from '../../../app/format.ts';
import { ShareBar } from './share-bar.tsx';

const heads = (n: number) => `${n} 人`;
type Candidate = NonNullable<ItemResultView['candidates']>[number];

/** One item's result: participation and approval in area and heads against the thresholds. */
export function ItemResultCard({ meetingId, r }: { meetingId: number; r: ItemResultView }) {
  const { message } = App.useApp();
  const approvalMark = r.thresholds.approval === 'three-quarters' ? { at: 3 / 4, label: '四分之三' } : { at: 1 / 2, label: '过半数' };
  const outcome = r.kind === 'election'
    ? <Tag color={r.participationMet ? 'blue' : 'red'}>{r.participationMet ? `当选 ${r.elected?.length ?? 0} 人` : '参与未达三分之二，选举无效'}</Tag>
    : r.passed ? <Tag color="green" data-testid="passed">通过</Tag> : <Tag color="red" data-testid="failed">未通过</Tag>;
  const download = async () => {
    try {
      await apiDownload(`/meetings/${meetingId}/items/${r.itemId}/decision-record`, `decision-record-${r.itemId}.json`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card
      size="small"
      title={`议题 ${r.position}：${r.title}`}
      extra={<>{outcome}<Button size="small" type="link" icon={<DownloadOutlined />} onClick={() => void download()}>决议记录</Button></>}
      data-testid={`result-item-${r.position}`}
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 8 }}
        items={[
          { key: 'matter', label: '事项', children: `第${r.matter}项 ${r.matterName}` },
          { key: 'rule', label: '表决规则', children: r.thresholds.text },
        ]}
      />
      <ShareBar label="参与表决面积" part={r.areaParticipatingCenti} whole={r.areaTotalCenti} format={formatArea} mark={{ at: 2 / 3, label: '三分之二' }} ok={r.participationMet} />
      <ShareBar label="参与表决人数" part={r.headParticipating} whole={r.headTotal} format={heads} mark={{ at: 2 / 3, label: '三分之二' }} ok={r.participationMet} />
      {r.kind === 'matter' && r.areaYesCenti !== null && r.headYes !== null && (
        <>
          <ShareBar label="同意面积（占参与表决面积）" part={r.areaYesCenti} whole={r.areaParticipatingCenti} format={formatArea} mark={approvalMark} ok={!!r.passed} />
          <ShareBar label="同意人数（占参与表决人数）" part={r.headYes} whole={r.headParticipating} format={heads} mark={approvalMark} ok={!!r.passed} />
          <Typography.Text type="secondary">
            反对 {formatArea(r.areaNoCenti)} / {r.headNo} 人；弃权 {formatArea(r.areaAbstainCenti)} / {r.headAbstain} 人；废票 {formatArea(r.areaSpoiledCenti)} / {r.headSpoiled} 人
          </Typography.Text>
        </>
      )}
      {r.kind === 'election' && r.candidates && (
        <Table<Candidate>
          rowKey="candidateId"
          size="small"
          pagination={false}
          style={{ marginTop: 8 }}
          dataSource={r.candidates}
          columns={[
            { title: '候选人', dataIndex: 'name' },
            { title: '同意人数', dataIndex: 'approvalHeads', align: 'right', render: (v: number) => `${v} 人` },
            { title: '同意面积', dataIndex: 'approvalAreaCenti', align: 'right', render: (v: number) => formatArea(v) },
            { title: '达到第3项规则', dataIndex: 'passesThresholds', render: (v: boolean) => (v ? '是' : '否') },
            { title: '排名', dataIndex: 'rank', render: (v: number | null) => v ?? '—' },
            { title: '结果', dataIndex: 'elected', render: (v: boolean) => (v ? <Tag color="green">当选</Tag> : <Tag>未当选</Tag>) },
          ]}
        />
      )}
      {r.kind === 'election' && r.tieForLastSeat && (
        <Typography.Text type="warning">末位名额出现并列，依规则不作排序，须由业主大会另行决定</Typography.Text>
      )}
      {r.flags.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text strong>复核提示：</Typography.Text>
          {r.flags.map((f, n) => <div key={n}><Typography.Text type="secondary">{f.reading}</Typography.Text></div>)}
        </div>
      )}
      <div style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">有效票 {r.ballotCount} 张 · Merkle 根：</Typography.Text>
        <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="merkle-root">{r.merkleRoot}</Typography.Text>
      </div>
    </Card>
  );
}
