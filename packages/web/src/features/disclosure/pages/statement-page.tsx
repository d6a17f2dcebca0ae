import { DownloadOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, Skeleton, Space } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ApiError, apiDownload } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { formatArea, formatDate } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { formatFen } from '../../funds/money.ts';
import { SharesTable } from '../components/shares-table.tsx';
import { DIRECTION_LABELS, periodLabel, revenueCategoryLabel } from '../labels.ts';
import type { RevenueStatementView } from '../types.ts';
import './print.css';

/** 公共收益公示: the published statement as an A4 sheet (print CSS leaves only the sheet), PDF, Excel, unit shares. */
export function StatementPage() {
  return (
    <RequirePermission permission="disclosure.read">
      <Statement />
    </RequirePermission>
  );
}

function Statement() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const q = useApi<RevenueStatementView>(`/revenue/statements/${id}`);
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  if (!q.data) return <Skeleton active />;
  const s = q.data;
  const rows = s.byCategory.filter((r) => r.amountFen !== 0);
  const entries = s.entries;
  const title = `${s.estateName}${s.periodLabel || periodLabel(s.periodKey)}公共收益收支情况公示`;
  const download = (ext: 'pdf' | 'xlsx') =>
    apiDownload(`/revenue/statements/${id}.${ext}`, `${title}.${ext}`).catch((e) => message.error(e instanceof ApiError ? e.message : String(e)));
  return (
    <div>
      <Space className="no-print" wrap style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-statement">打印</Button>
        <Button icon={<FilePdfOutlined />} onClick={() => void download('pdf')} data-testid="statement-pdf">下载 PDF</Button>
        <Button icon={<DownloadOutlined />} onClick={() => void download('xlsx')} data-testid="statement-xlsx">导出 Excel</Button>
        <Button onClick={() => navigate(`/revenue?estateId=${s.estateId}&tab=statements`)}>返回</Button>
      </Space>
      <article className="disclosure-sheet" data-testid="statement-sheet">
        <h1>{title}</h1>
        <div className="sub">期间：{s.periodStart} 至 {s.periodEnd}</div>
        <p>全体业主：</p>
        <p>
          根据《中华人民共和国民法典》第二百八十二条，利用业主的共有部分产生的收入，在扣除合理成本之后，属于业主共有。
          现将本小区{periodLabel(s.periodKey)}共有部分经营收益及支出情况公示如下：
        </p>
        <table>
          <thead><tr><th>项目</th><th>收支</th><th className="num">金额</th></tr></thead>
          <tbody>
            <tr className="strong"><td>期初余额</td><td></td><td className="num">{formatFen(s.openingFen)}</td></tr>
            {rows.filter((r) => r.direction === 'income').map((r) => <tr key={r.category}><td>{r.label}</td><td>{DIRECTION_LABELS.income}</td><td className="num">{formatFen(r.amountFen)}</td></tr>)}
            <tr className="strong"><td>收入合计</td><td></td><td className="num">{formatFen(s.incomeFen)}</td></tr>
            {rows.filter((r) => r.direction === 'expense').map((r) => <tr key={r.category}><td>{r.label}</td><td>{DIRECTION_LABELS.expense}</td><td className="num">{formatFen(r.amountFen)}</td></tr>)}
            <tr className="strong"><td>支出合计</td><td></td><td className="num">{formatFen(s.expenseFen)}</td></tr>
            <tr className="strong"><td>本期净收益</td><td></td><td className="num">{formatFen(s.netFen)}</td></tr>
            <tr className="strong"><td>期末余额</td><td></td><td className="num" data-testid="sheet-closing">{formatFen(s.closingFen)}</td></tr>
          </tbody>
        </table>
        {entries.length > 0 && (
          <>
            <h2>收支明细</h2>
            <table>
              <thead><tr><th>记账日期</th><th>类别</th><th>对方</th><th>摘要</th><th className="num">金额</th></tr></thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td className="date">{e.bookedOn}</td>
                    <td>{e.categoryLabel ?? revenueCategoryLabel(e.category)}</td>
                    <td>{e.counterparty}</td>
                    <td>{e.memo}</td>
                    <td className="num">{formatFen(e.signedAmountFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <p>
          本期净收益按各户专有部分建筑面积分摊至 {s.unitCount} 户（总建筑面积 {formatArea(s.totalAreaCenti)}，
          每平方米 {s.perSquareMetre} 元），分摊精确到分、合计等于净收益，每户份额见平台“公共收益”页面。
          业主对公示内容有疑问的，可在平台上提出质询。
        </p>
        {s.note && <p>说明：{s.note}</p>}
        <div className="sign">
          <div>{s.publisherName}</div>
          <div>{formatDate(s.publishedAt)}</div>
        </div>
      </article>
      <Card className="no-print" title="各户应享份额" style={{ marginTop: 16 }}>
        <SharesTable statementId={Number(id)} />
      </Card>
    </div>
  );
}
