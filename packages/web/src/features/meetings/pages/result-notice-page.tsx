import { PrinterOutlined } from '@ant-design/icons';
import type { ItemResultView, MeetingResultsView } from '@gongzhi/contracts';
import { Button, Skeleton, Space } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { formatArea, formatDate, formatDateTime } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { percent } from '../components/csv.ts';
import type { MeetingView } from '../types.ts';
import './print.css';

/** 表决结果公告: the printable notice (print CSS leaves only the sheet). */
export function ResultNoticePage() {
  return (
    <RequirePermission permission="meeting.read">
      <ResultNotice />
    </RequirePermission>
  );
}

function ResultNotice() {
  const { id } = useParams();
  const navigate = useNavigate();
  const meeting = useApi<MeetingView>(`/meetings/${id}`);
  const results = useApi<MeetingResultsView>(`/meetings/${id}/results`);
  const err = meeting.error ?? results.error;
  if (err) return <ErrorAlert error={err} onRetry={() => { meeting.reload(); results.reload(); }} />;
  const m = meeting.data;
  const d = results.data;
  if (!m || !d) return <Skeleton active />;
  const published = d.resultPublishedAt ?? d.talliedAt;
  return (
    <div>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>打印</Button>
        <Button onClick={() => navigate(`/meetings/${id}?tab=results`)}>返回</Button>
      </Space>
      <article className="result-notice" data-testid="result-notice">
        <h1>{d.estateName}业主大会</h1>
        <h1>关于{d.title}表决结果的公告</h1>
        <div className="sub">{m.resultPublishedAt ? '' : '（计票结果，尚未公布）'}</div>
        <p>
          全体业主：
        </p>
        <p>
          {d.convenerName}召集的{d.title}，于 {formatDateTime(d.votingOpensAt)} 至 {formatDateTime(d.votingClosesAt)} 进行表决，
          表决采用网络投票与纸质投票相结合的方式，依照《中华人民共和国民法典》第二百七十八条及本小区议事规则计票。现将表决结果公告如下：
        </p>
        {d.items.map((r) => <NoticeItem key={r.itemId} r={r} />)}
        <p>
          每个议题的 Merkle 根是该议题全部有效选票回执的汇总值。业主可凭投票回执码在平台上核验本人选票已计入。
          业主对表决结果有异议的，请于公告之日起 15 日内向召集人书面提出{m.objectionEndsAt ? `（截至 ${formatDate(m.objectionEndsAt)}）` : ''}。
        </p>
        <div className="sign">
          <div>{d.convenerName}</div>
          <div>{published ? formatDate(published) : ''}</div>
        </div>
      </article>
    </div>
  );
}

function NoticeItem({ r }: { r: ItemResultView }) {
  const verdict = r.kind === 'election'
    ? (r.participationMet ? `当选：${(r.candidates ?? []).filter((c) => c.elected).map((c) => c.name).join('、') || '无'}` : '参与表决未达三分之二，选举无效')
    : r.passed ? '通过' : '未通过';
  return (
    <section className="item">
      <h2>议题{r.position}：{r.title} —— {verdict}</h2>
      <div>事项：第{r.matter}项 {r.matterName}；表决规则：{r.thresholds.text}</div>
      <table>
        <thead>
          <tr><th></th><th>专有部分面积</th><th>占比</th><th>人数</th><th>占比</th></tr>
        </thead>
        <tbody>
          <tr><td>全体业主</td><td className="num">{formatArea(r.areaTotalCenti)}</td><td className="num">100%</td><td className="num">{r.headTotal}</td><td className="num">100%</td></tr>
          <tr>
            <td>参与表决</td><td className="num">{formatArea(r.areaParticipatingCenti)}</td><td className="num">{percent(r.areaParticipatingCenti, r.areaTotalCenti)}</td>
            <td className="num">{r.headParticipating}</td><td className="num">{percent(r.headParticipating, r.headTotal)}</td>
          </tr>
          {r.kind === 'matter' && (
            <>
              <Row label="同意" area={r.areaYesCenti} heads={r.headYes} r={r} />
              <Row label="反对" area={r.areaNoCenti} heads={r.headNo} r={r} />
              <Row label="弃权" area={r.areaAbstainCenti} heads={r.headAbstain} r={r} />
            </>
          )}
          {r.kind === 'election' && (r.candidates ?? []).map((c) => (
            <Row key={c.candidateId} label={`${c.name}${c.elected ? '（当选）' : ''}`} area={c.approvalAreaCenti} heads={c.approvalHeads} r={r} />
          ))}
        </tbody>
      </table>
      <div style={{ fontSize: 12 }}>
        {r.kind === 'election' ? '候选人得票' : '同意、反对、弃权'}的占比以参与表决的面积和人数为基数。有效票 {r.ballotCount} 张。
      </div>
      <div className="root">Merkle 根：{r.merkleRoot}</div>
    </section>
  );
}

function Row({ label, area, heads, r }: { label: string; area: number | null; heads: number | null; r: ItemResultView }) {
  return (
    <tr>
      <td>{label}</td>
      <td className="num">{formatArea(area)}</td><td className="num">{percent(area ?? 0, r.areaParticipatingCenti)}</td>
      <td className="num">{heads ?? '—'}</td><td className="num">{percent(heads ?? 0, r.headParticipating)}</td>
    </tr>
  );
}
