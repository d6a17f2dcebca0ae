import { DownloadOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import type { MeetingResultsView } from '@gongzhi/contracts';
import { App, Button, Space } from 'antd';
import { useNavigate } from 'react-router';
import { ApiError, apiDownload } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { useApi } from '../../../app/use-api.ts';
import type { MeetingView } from '../types.ts';
import { areaNumber, downloadCsv, percent } from './csv.ts';
import { ItemResultCard } from './item-result-card.tsx';

/** 表决结果: the tally of every item, the printable notice, the PDF and the verifiable export. */
export function ResultsTab({ meeting: m }: { meeting: MeetingView }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const results = useApi<MeetingResultsView>(`/meetings/${m.id}/results`);
  const d = results.data;
  const download = (path: string, name: string) => apiDownload(path, name).catch((e) => message.error(e instanceof ApiError ? e.message : String(e)));

  const exportCsv = () => {
    if (!d) return;
    const rows = d.items.flatMap((r) => {
      const base = [r.position, r.title, `第${r.matter}项`, areaNumber(r.areaParticipatingCenti), percent(r.areaParticipatingCenti, r.areaTotalCenti),
        r.headParticipating, percent(r.headParticipating, r.headTotal)];
      if (r.kind === 'election') {
        return (r.candidates ?? []).map((c) => [...base, c.name, areaNumber(c.approvalAreaCenti), c.approvalHeads, c.elected ? '当选' : '未当选', r.merkleRoot]);
      }
      return [[...base, '同意', areaNumber(r.areaYesCenti), r.headYes, r.passed ? '通过' : '未通过', r.merkleRoot]];
    });
    downloadCsv(`表决结果-${m.title}.csv`,
      ['序号', '议题', '事项', '参与面积(㎡)', '面积参与率', '参与人数', '人数参与率', '同意项/候选人', '同意面积(㎡)', '同意人数', '结果', 'Merkle根'], rows);
  };

  return (
    <div data-testid="results-tab">
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<PrinterOutlined />} onClick={() => navigate(`/meetings/${m.id}/notice`)} data-testid="print-notice">打印结果公告</Button>
        <Button icon={<FilePdfOutlined />} onClick={() => void download(`/meetings/${m.id}/result.pdf`, `表决结果-${m.id}.pdf`)} data-testid="result-pdf">下载 PDF</Button>
        <Button icon={<DownloadOutlined />} onClick={() => void download(`/meetings/${m.id}/export`, `meeting-${m.id}-export.json`)}>导出全部记录（可用 gongzhi verify-meeting 校验）</Button>
        <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!d}>导出 Excel（CSV）</Button>
      </Space>
      <ErrorAlert error={results.error} onRetry={results.reload} />
      <div style={{ display: 'grid', gap: 16 }}>
        {d?.items.map((r) => <ItemResultCard key={r.itemId} meetingId={m.id} r={r} />)}
      </div>
    </div>
  );
}
