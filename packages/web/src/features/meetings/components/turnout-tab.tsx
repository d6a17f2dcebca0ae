import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { MeetingTurnoutView } from '@gongzhi/contracts';
import { Alert, Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatArea } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import type { MeetingView } from '../types.ts';
import { areaNumber, downloadCsv, percent } from './csv.ts';
import { ShareBar } from './share-bar.tsx';

const heads = (n: number) => `${n} 人`;
const TWO_THIRDS = { at: 2 / 3, label: '三分之二' };

/** 参与情况: live turnout per item in area and heads; yes/no only where the meeting shows them. */
export function TurnoutTab({ meeting: m }: { meeting: MeetingView }) {
  const turnout = useApi<MeetingTurnoutView>(`/meetings/${m.id}/turnout`);
  const { reload } = turnout;
  // live while voting: a fresh count every 30 seconds
  useEffect(() => {
    if (m.state !== 'voting_open') return;
    const t = setInterval(reload, 30_000);
    return () => clearInterval(t);
  }, [m.state, reload]);
  const d = turnout.data;

  const exportCsv = () => {
    if (!d) return;
    downloadCsv(`参与情况-${m.title}.csv`,
      ['议题', '事项', '总面积(㎡)', '参与面积(㎡)', '面积参与率', '总人数', '参与人数', '人数参与率', '已达三分之二', '有效票数'],
      d.items.map((i) => [
        i.title, `第${i.matter}项`, areaNumber(i.areaTotalCenti), areaNumber(i.areaParticipatingCenti), percent(i.areaParticipatingCenti, i.areaTotalCenti),
        i.headTotal, i.headParticipating, percent(i.headParticipating, i.headTotal), i.participationMet ? '是' : '否', i.ballotCount,
      ]));
  };

  return (
    <div data-testid="turnout-tab">
      <div style={{ display: 'flex', gap: 8, marginBottom: 16, alignItems: 'center', flexWrap: 'wrap' }}>
        {d && !d.interimShown && <Alert type="info" showIcon title="投票截止前不公开同意、反对票数，仅公开参与情况。" style={{ flex: 1 }} />}
        <Space style={{ marginLeft: 'auto' }}>
          <Button icon={<ReloadOutlined />} onClick={reload} loading={turnout.loading}>刷新</Button>
          <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!d}>导出 Excel（CSV）</Button>
        </Space>
      </div>
      <ErrorAlert error={turnout.error} onRetry={reload} />
      <Row gutter={[16, 16]}>
        {d?.items.map((i) => (
          <Col key={i.itemId} xs={24} xl={12}>
            <Card
              size="small"
              title={`议题 ${i.position}：${i.title}`}
              extra={i.participationMet ? <Tag color="green">参与已达三分之二</Tag> : <Tag>参与未达三分之二</Tag>}
              data-testid={`turnout-item-${i.itemId}`}
            >
              <ShareBar label="参与表决的专有部分面积" part={i.areaParticipatingCenti} whole={i.areaTotalCenti} format={formatArea} mark={TWO_THIRDS} ok={i.participationMet} />
              <ShareBar label="参与表决人数" part={i.headParticipating} whole={i.headTotal} format={heads} mark={TWO_THIRDS} ok={i.participationMet} />
              <Typography.Text type="secondary">有效票 {i.ballotCount} 张；虚线为三分之二参与线</Typography.Text>
              {i.interim && (
                <div style={{ marginTop: 8 }}>
                  <Typography.Text>
                    同意 {formatArea(i.interim.areaYesCenti)} / {i.interim.headYes} 人；反对 {formatArea(i.interim.areaNoCenti)} / {i.interim.headNo} 人；弃权 {formatArea(i.interim.areaAbstainCenti)} / {i.interim.headAbstain} 人
                  </Typography.Text>
                </div>
              )}
              {i.interimCandidates && (
                <div style={{ marginTop: 8 }}>
                  {i.interimCandidates.map((c) => (
                    <div key={c.candidateId}>{c.name}：{c.approvalHeads} 人，{formatArea(c.approvalAreaCenti)}</div>
                  ))}
                </div>
              )}
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
