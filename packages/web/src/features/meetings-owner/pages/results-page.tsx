import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Card, Empty, List, Skeleton, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatArea } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { Field } from '../components/field.tsx';
import { PhoneHeader } from '../components/phone-header.tsx';
import { ReceiptCode } from '../components/receipt-code.tsx';
import { approvalText, participationText } from '../labels.ts';
import { useMT } from '../messages.ts';
import type { MeetingResultsView } from '../types.ts';

// The published result on a phone: per item passed or not, participation and approval in area
// and in heads next to the thresholds, the Merkle root of the counted ballots.

type ItemResult = MeetingResultsView['items'][number];

/** a share to one decimal, rounded down so it never shows a threshold as met that is not */
function pct(a: number | null, b: number): string {
  if (a === null || !b) return '';
  return `（${(Math.floor((a * 1000) / b) / 10).toFixed(1)}%）`;
}

function Figures({ label, a, aOf, h, hOf, testId }: { label: string; a: number | null; aOf: number; h: number | null; hOf: number; testId?: string }) {
  const { mt } = useMT();
  return (
    <div style={{ marginBottom: 8 }} data-testid={testId}>
      <div style={{ fontWeight: 500 }}>{label}</div>
      <div style={{ fontSize: 13, color: '#475467' }}>
        {mt('res.area')} {formatArea(a)} / {formatArea(aOf)}
        {pct(a, aOf)}
      </div>
      <div style={{ fontSize: 13, color: '#475467' }}>
        {mt('res.heads')} {h ?? '—'} / {hOf}
        {pct(h, hOf)}
      </div>
    </div>
  );
}

function ItemResultCard({ r }: { r: ItemResult }) {
  const { mt, lang } = useMT();
  const verdict =
    r.kind === 'election' ? null : r.passed ? (
      <Tag color="green" icon={<CheckCircleFilled />} data-testid="result-verdict">{mt('res.passed')}</Tag>
    ) : (
      <Tag color="red" icon={<CloseCircleFilled />} data-testid="result-verdict">{mt('res.failed')}</Tag>
    );
  return (
    <Card
      size="small"
      data-testid="result-item"
      style={{ marginBottom: 12 }}
      title={<div style={{ whiteSpace: 'normal', padding: '6px 0' }}>{`${mt('m.item', { n: r.position })} · ${r.title}`}</div>}
      extra={verdict}
    >
      <Tag color={r.participationMet ? 'green' : 'orange'} style={{ marginBottom: 8 }}>
        {r.participationMet ? mt('res.participationMet') : mt('res.participationNotMet')}
      </Tag>
      <Figures label={mt('res.participation')} a={r.areaParticipatingCenti} aOf={r.areaTotalCenti} h={r.headParticipating} hOf={r.headTotal} />
      {r.kind === 'matter' ? (
        <>
          <Figures testId="result-yes" label={mt('res.approval')} a={r.areaYesCenti} aOf={r.areaParticipatingCenti} h={r.headYes} hOf={r.headParticipating} />
          <Figures label={mt('res.against')} a={r.areaNoCenti} aOf={r.areaParticipatingCenti} h={r.headNo} hOf={r.headParticipating} />
          <Figures label={mt('res.abstain')} a={r.areaAbstainCenti} aOf={r.areaParticipatingCenti} h={r.headAbstain} hOf={r.headParticipating} />
        </>
      ) : (
        <List
          size="small"
          dataSource={r.candidates ?? []}
          renderItem={(c) => (
            <List.Item extra={c.elected ? <Tag color="green">{mt('res.elected')}</Tag> : <Tag>{mt('res.notElected')}</Tag>}>
              <List.Item.Meta
                title={c.name}
                description={
                  <>
                    <div>{`${mt('res.approval')}${mt('res.area')} ${formatArea(c.approvalAreaCenti)}${pct(c.approvalAreaCenti, r.areaParticipatingCenti)}`}</div>
                    <div>{`${mt('res.approval')}${mt('res.heads')} ${c.approvalHeads}${pct(c.approvalHeads, r.headParticipating)}`}</div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      {r.tieForLastSeat && r.tieForLastSeat.length > 0 && <Typography.Text type="warning">{mt('res.tie')}</Typography.Text>}
      <div style={{ marginTop: 8 }}>
        <Field label={mt('m.participation')}>{participationText(lang)}</Field>
        {/* the rule the server counted by, in the same words as the notice */}
        <Field label={mt('m.approval')} testId="result-threshold">{approvalText(r, lang, r.thresholds.approval)}</Field>
        <Field label={`${mt('res.root')} · ${mt('res.ballots', { n: r.ballotCount })}`}>
          <ReceiptCode code={r.merkleRoot} />
        </Field>
      </div>
    </Card>
  );
}

export function ResultsPage() {
  const { mt } = useMT();
  const id = Number(useParams().id);
  const { data, error, loading, reload } = useApi<MeetingResultsView>(`/my/meetings/${id}/results`);
  const notYet = error && (error.status === 404 || error.status === 409);
  return (
    <div>
      <PhoneHeader title={mt('res.title')} back={`/m/meetings/${id}`} />
      {data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {data.title}
        </Typography.Paragraph>
      )}
      {notYet ? (
        <Card>
          <Empty description={mt('res.notYet')} />
        </Card>
      ) : (
        <ErrorAlert error={error} onRetry={reload} />
      )}
      {loading && <Skeleton active />}
      {(data?.items ?? []).map((r) => (
        <ItemResultCard key={r.itemId} r={r} />
      ))}
    </div>
  );
}
