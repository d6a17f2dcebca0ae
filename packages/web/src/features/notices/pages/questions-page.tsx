import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, apiDownload } from '../../../app/api.ts';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useListQuery } from '../../../app/use-list-query.ts';
import { EstateSelect } from '../../registry/index.ts';
import { DueText, QuestionDrawer, type QuestionMode } from '../components/question-drawer.tsx';
import { QUESTION_STATE_COLORS, QUESTION_STATE_LABELS, RESPONSIBLE_LABELS, SUBJECT_LABELS } from '../labels.ts';
import type { QuestionItem } from '../types.ts';

const FILTERS = ['estateId', 'state', 'responsible', 'overdue'] as const;

/** 业主质询: the questions of the caller's scope by deadline; answer (company/committee) or supervise (community/street). */
export function QuestionsPage() {
  return (
    <RequirePermission permission="disclosure.read">
      <Queue />
    </RequirePermission>
  );
}

function Queue() {
  const { message } = App.useApp();
  const canAnswer = useCan('question.answer');
  const canSupervise = useCan('question.supervise');
  const list = useListQuery<QuestionItem>('/questions', FILTERS);
  const [open, setOpen] = useState<{ q: QuestionItem; mode: QuestionMode } | null>(null);
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await apiDownload('/questions.xlsx', '业主质询.xlsx', list.filters);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };
  // the server says what this caller may do; the role check only hides buttons of a stale list
  const mayAnswer = (q: QuestionItem) => canAnswer && (q.availableActions ?? []).includes('answer');
  const maySupervise = (q: QuestionItem) => canSupervise && (q.availableActions ?? []).includes('supervise');

  return (
    <Page title="业主质询">
      <FilterBar
        onReset={list.reset}
        extra={<Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="export-questions">导出 Excel</Button>}
      >
        <EstateSelect value={list.filters.estateId ? Number(list.filters.estateId) : undefined} onChange={(estateId) => list.setFilters({ estateId })} placeholder="全部小区" />
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 140 }}
          value={list.filters.state}
          onChange={(state) => list.setFilters({ state })}
          options={Object.entries(QUESTION_STATE_LABELS).map(([value, label]) => ({ value, label }))}
          data-testid="question-state-filter"
        />
        <Select
          allowClear
          placeholder="全部责任方"
          style={{ width: 150 }}
          value={list.filters.responsible}
          onChange={(responsible) => list.setFilters({ responsible })}
          options={Object.entries(RESPONSIBLE_LABELS).map(([value, label]) => ({ value, label }))}
          data-testid="question-responsible-filter"
        />
        <Select
          allowClear
          placeholder="答复期限"
          style={{ width: 130 }}
          value={list.filters.overdue}
          onChange={(overdue) => list.setFilters({ overdue })}
          options={[{ value: 'true', label: '已逾期' }]}
          data-testid="question-overdue-filter"
        />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<QuestionItem>
        {...list.tableProps}
        size="middle"
        data-testid="questions-table"
        locale={{ emptyText: '暂无质询' }}
        onRow={(r) => ({ 'data-testid': `question-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: '质询内容', dataIndex: 'body',
            render: (body: string, r) => (
              <div style={{ minWidth: 0 }}>
                <a onClick={() => setOpen({ q: r, mode: 'view' })} style={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>{body}</a>
                <div style={{ color: '#667085', fontSize: 12 }}>
                  {r.estateName ? `${r.estateName} · ` : ''}{r.subjectTypeLabel || SUBJECT_LABELS[r.subjectType] || r.subjectType}：{r.subjectTitle} · {r.askerLabel}
                </div>
              </div>
            ),
          },
          { title: '责任方', dataIndex: 'responsible', width: 120, render: (v: string, r) => r.responsibleLabel || RESPONSIBLE_LABELS[v] || v },
          { title: '提问时间', dataIndex: 'askedAt', width: 150, render: (v: string) => formatDateTime(v) },
          { title: '答复期限', dataIndex: 'dueAt', width: 210, render: (_: string, r) => <DueText q={r} /> },
          { title: '状态', dataIndex: 'state', width: 110, render: (s: QuestionItem['state'], r) => <Tag color={QUESTION_STATE_COLORS[s]}>{r.stateLabel ?? QUESTION_STATE_LABELS[s]}</Tag> },
          {
            title: '操作', key: 'actions', width: 110,
            render: (_: unknown, r) =>
              mayAnswer(r) ? <Button size="small" type="primary" onClick={() => setOpen({ q: r, mode: 'answer' })} data-testid={`answer-${r.id}`}>答复</Button>
                : maySupervise(r) ? <Button size="small" onClick={() => setOpen({ q: r, mode: 'supervise' })} data-testid={`supervise-${r.id}`}>{r.supervisionNote ? '再督办' : '督办'}</Button>
                  : <Button size="small" type="link" onClick={() => setOpen({ q: r, mode: 'view' })}>查看</Button>,
          },
        ]}
      />
      <QuestionDrawer
        q={open?.q ?? null}
        mode={open?.mode ?? 'view'}
        onClose={() => setOpen(null)}
        onDone={(msg) => { setOpen(null); message.success(msg); list.reload(); }}
      />
    </Page>
  );
}
