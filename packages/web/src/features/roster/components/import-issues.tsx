import type { ImportIssue } from '@gongzhi/contracts';
import { Alert, Table } from 'antd';
import { useT } from '../../../app/i18n.tsx';

/** The 422 IMPORT_INVALID answer: every problem by spreadsheet row, column and reason. */
export function ImportIssues({ issues, total, fileName }: { issues: ImportIssue[]; total: number; fileName: string }) {
  const t = useT();
  return (
    <div data-testid="import-issues">
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          <span data-testid="import-issues-count">
            {t('roster.errors', { n: total })}
            {total > issues.length ? t('roster.capped', { n: issues.length }) : ''}
          </span>
        }
        description={`${t('roster.file')}：${fileName}。${t('roster.errorsHint')}`}
      />
      <Table<ImportIssue>
        rowKey={(i) => `${i.row}:${i.column}:${i.reason}`}
        size="small"
        dataSource={issues}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('roster.row'), dataIndex: 'row', width: 80 },
          { title: t('roster.column'), dataIndex: 'column', width: 160 },
          { title: t('roster.reason'), dataIndex: 'reason' },
        ]}
      />
    </div>
  );
}
