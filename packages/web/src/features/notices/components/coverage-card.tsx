import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Switch, Table } from 'antd';
import { useState } from 'react';
import { ApiError, apiDownload } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { useApi } from '../../../app/use-api.ts';
import type { NoticeCoverage } from '../types.ts';
import { ReadProgress } from './notice-tags.tsx';

type BuildingRow = NoticeCoverage['buildings'][number];

/** Who has read a published notice: overall, by building, the committee; Excel for the files. */
export function CoverageCard({ noticeId, title, version }: { noticeId: number; title: string; version: unknown }) {
  const { message } = App.useApp();
  const q = useApi<NoticeCoverage>(`/notices/${noticeId}/coverage`, { v: String(version ?? '') });
  const [exporting, setExporting] = useState(false);
  // buildings with nobody to read (no bound owner) are noise in a large estate: hidden unless asked
  const [showEmpty, setShowEmpty] = useState(false);
  const c = q.data;
  const rows = c ? c.buildings.filter((b) => showEmpty || b.recipients > 0) : [];
  const hidden = c ? c.buildings.length - rows.length : 0;
  const download = async () => {
    setExporting(true);
    try {
      await apiDownload(`/notices/${noticeId}/coverage.xlsx`, `${title}-阅读情况.xlsx`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Card
      title="阅读覆盖"
      extra={(
        <span style={{ display: 'inline-flex', gap: 8 }}>
          <Button size="small" onClick={q.reload}>刷新</Button>
          <Button size="small" icon={<DownloadOutlined />} loading={exporting} onClick={() => void download()} data-testid="coverage-export">导出 Excel</Button>
        </span>
      )}
      data-testid="coverage-card"
    >
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {c && (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            style={{ marginBottom: 12 }}
            items={[
              { key: 'all', label: '应读人数', children: <span data-testid="coverage-recipients">{c.recipients}</span> },
              { key: 'read', label: '已读', children: <span data-testid="coverage-read">{c.read}</span> },
              { key: 'bar', label: '覆盖率', children: <div style={{ width: 240 }}><ReadProgress read={c.read} recipients={c.recipients} bp={c.readPctBp} testId="coverage-total" /></div> },
            ]}
          />
          <Table<BuildingRow>
            rowKey="buildingId"
            size="small"
            pagination={rows.length > 20 ? { pageSize: 20 } : false}
            dataSource={rows}
            data-testid="coverage-buildings"
            locale={{ emptyText: '无按楼栋统计（发布对象不含业主）' }}
            columns={[
              { title: '楼栋', dataIndex: 'name' },
              { title: '应读', dataIndex: 'recipients', width: 90, align: 'right' },
              { title: '已读', dataIndex: 'read', width: 90, align: 'right' },
              { title: '未读', key: 'unread', width: 90, align: 'right', render: (_: unknown, r) => r.recipients - r.read },
              { title: '覆盖率', dataIndex: 'readPctBp', width: 220, render: (bp: number, r) => <ReadProgress read={r.read} recipients={r.recipients} bp={bp} /> },
            ]}
            summary={() =>
              c.committee ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>业委会委员</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{c.committee.recipients}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{c.committee.read}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{c.committee.recipients - c.committee.read}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} />
                </Table.Summary.Row>
              ) : null
            }
          />
          {(hidden > 0 || showEmpty) && (
            <div style={{ marginTop: 8, display: 'flex', alignItems: 'center', gap: 8 }}>
              <Switch size="small" checked={showEmpty} onChange={setShowEmpty} data-testid="coverage-show-empty" />
              <span>显示无应读业主的楼栋{hidden > 0 ? `（${hidden} 栋）` : ''}</span>
            </div>
          )}
          <div style={{ color: '#667085', fontSize: 12, marginTop: 8 }}>
            一位业主在多栋楼有房屋时，在每栋楼各计一次；发布后新绑定的业主打开公告时计入。
          </div>
        </>
      )}
    </Card>
  );
}
