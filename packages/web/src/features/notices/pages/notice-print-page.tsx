import { PrinterOutlined } from '@ant-design/icons';
import { Button, Skeleton, Space } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { formatDate } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { NOTICE_KIND_LABELS } from '../labels.ts';
import type { NoticeDetail } from '../types.ts';
import './print.css';

/** 公告 for the notice board: a clean A4 sheet with the publisher and date (print CSS leaves only the sheet). */
export function NoticePrintPage() {
  return (
    <RequirePermission permission="disclosure.read">
      <PrintSheet />
    </RequirePermission>
  );
}

/** "2026年11月22日" — the date as a notice board shows it */
function chineseDate(v: string | null | undefined): string {
  const d = formatDate(v);
  if (!d) return '';
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
}

function PrintSheet() {
  const { id } = useParams();
  const navigate = useNavigate();
  const q = useApi<NoticeDetail>(`/notices/${id}`);
  const n = q.data;
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  if (!n) return <Skeleton active />;
  const kind = NOTICE_KIND_LABELS[n.kind] ?? n.kindLabel;
  return (
    <div>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-button">打印</Button>
        <Button onClick={() => navigate(`/notices/${n.id}`)}>返回</Button>
      </Space>
      <article className="notice-sheet" data-testid="notice-sheet">
        {n.state === 'withdrawn' && <div style={{ textAlign: 'center' }}><span className="stamp">已撤回：{n.withdrawReason}</span></div>}
        {n.correctedById && <div style={{ textAlign: 'center' }}><span className="stamp">已更正，以更正后的公告为准</span></div>}
        <h1>{n.title}</h1>
        <div className="sub">
          {n.estateName}　{kind}
          {n.kind === 'publicity' && n.publicityStart ? `　公示期：${chineseDate(n.publicityStart)}至${chineseDate(n.publicityEnd)}` : ''}
        </div>
        {n.correctionReason && <p>更正说明：{n.correctionReason}</p>}
        <div className="body">{n.body}</div>
        {n.attachments?.length > 0 && (
          <div className="attach">
            附件：{n.attachments.map((a, i) => <div key={a.id}>{i + 1}. {a.filename}</div>)}
          </div>
        )}
        <div className="sign">
          <div data-testid="sheet-publisher">{n.publisherName}</div>
          <div data-testid="sheet-date">{chineseDate(n.publishedAt)}</div>
        </div>
      </article>
    </div>
  );
}
