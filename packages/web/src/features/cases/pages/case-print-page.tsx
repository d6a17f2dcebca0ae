import { PrinterOutlined } from '@ant-design/icons';
import { Button, Skeleton, Space } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { CASE_CATEGORY_LABELS, CASE_LEVEL_LABELS, CASE_PRIORITY_LABELS, CASE_STATE_LABELS, escalationHowLabel, shanghaiDate } from '../labels.ts';
import type { CaseDetail } from '../types.ts';
import './print.css';

/** 案件处理单: the case on one A4 sheet for the file or a site visit (print CSS leaves only the sheet). */
export function CasePrintPage() {
  return (
    <RequirePermission permission="case.read">
      <Sheet />
    </RequirePermission>
  );
}

function Sheet() {
  const { id } = useParams();
  const navigate = useNavigate();
  const q = useApi<CaseDetail>(`/cases/${id}`);
  const c = q.data;
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  if (!c) return <Skeleton active />;
  const rows: [string, string, string, string][] = [
    ['案件编号', c.no, '小区', c.estateName],
    ['类别', c.categoryLabel || CASE_CATEGORY_LABELS[c.category] || c.category, '紧急程度', CASE_PRIORITY_LABELS[c.priority] ?? c.priority],
    ['位置', c.locationLabel || c.locationText || '', '反映人', c.filedByLabel],
    ['状态', c.stateLabel || CASE_STATE_LABELS[c.state] || c.state, '当前办理', `${c.levelLabel || CASE_LEVEL_LABELS[c.level]}${c.handlerName && c.handlerName !== c.levelLabel ? ` · ${c.handlerName}` : ''}`],
    ['提交时间', formatDateTime(c.createdAt), '经办人', c.assigneeName ?? '—'],
    ['响应时限', formatDateTime(c.respondDueAt) || '—', '办结时限', formatDateTime(c.resolveDueAt) || '—'],
  ];
  return (
    <div>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-button">打印</Button>
        <Button onClick={() => navigate(`/cases/${c.id}`)}>返回</Button>
      </Space>
      <article className="case-sheet" data-testid="case-sheet">
        <h1>案件处理单</h1>
        <div className="sub">{c.estateName}　{c.no}</div>
        <table>
          <tbody>
            {rows.map(([a, b, x, y]) => (
              <tr key={a}><th>{a}</th><td>{b}</td><th>{x}</th><td>{y}</td></tr>
            ))}
            <tr><th>标题</th><td colSpan={3}>{c.title}</td></tr>
            <tr><th>问题描述</th><td colSpan={3} className="pre">{c.description}</td></tr>
            {c.rating ? <tr><th>业主评价</th><td colSpan={3}>{'★'.repeat(c.rating)}{'☆'.repeat(5 - c.rating)} {c.ratingComment}</td></tr> : null}
          </tbody>
        </table>
        {(c.escalations ?? []).length > 0 && (
          <>
            <h2>升级记录</h2>
            <table>
              <tbody>
                {c.escalations.map((e) => (
                  <tr key={e.fromLevel}>
                    <td className="date">{formatDateTime(e.at)}</td>
                    <td>{CASE_LEVEL_LABELS[e.fromLevel]} → {CASE_LEVEL_LABELS[e.toLevel]}（{escalationHowLabel(e)}）</td>
                    <td className="pre">{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {(c.departmentCalls ?? []).length > 0 && (
          <>
            <h2>吹哨报到</h2>
            <table>
              <tbody>
                {c.departmentCalls.map((d) => (
                  <tr key={d.departmentId}>
                    <td style={{ width: '22%' }}>{d.departmentName}</td>
                    <td className="pre">要求：{d.instruction}{'\n'}报到期限：{formatDateTime(d.reportDueAt)}</td>
                    <td className="pre">{d.reportedAt ? `${formatDateTime(d.reportedAt)} 报到：${d.reportText}` : d.overdue ? '逾期未报到' : '待报到'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <h2>办理进程</h2>
        <table>
          <tbody>
            {(c.timeline ?? []).map((e) => (
              <tr key={e.id}>
                <td className="date">{formatDateTime(e.at)}</td>
                <td style={{ width: '22%' }}>{e.kindLabel}<br />{e.actorLabel}</td>
                <td className="pre">{e.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="sign">
          <span>经办人（签字）：</span>
          <span>打印日期：{shanghaiDate(new Date())}</span>
        </div>
      </article>
    </div>
  );
}
