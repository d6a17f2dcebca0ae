import { CheckCircleFilled, ClockCircleFilled, CloseCircleFilled, SwapOutlined } from '@ant-design/icons';
import { Card, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../../app/format.ts';
import { useMT, type MeetingMessageKey } from '../messages.ts';
import type { PublicReceiptView } from '../types.ts';
import { Field } from './field.tsx';
import { ReceiptCode } from './receipt-code.tsx';

type Verdict = 'included' | 'recorded' | 'superseded' | 'notIncluded';

/** What the receipt's state means for the owner, in one word. */
export function verdictOf(r: PublicReceiptView): Verdict {
  if (r.standing !== 'final') return 'superseded';
  if (!r.tallied) return 'recorded';
  return r.merkleRoot && r.proofValid !== false ? 'included' : 'notIncluded';
}

const LOOK: Record<Verdict, { icon: ReactNode; color: string; title: MeetingMessageKey; sub: MeetingMessageKey }> = {
  included: { icon: <CheckCircleFilled />, color: '#52c41a', title: 'chk.included', sub: 'chk.includedSub' },
  recorded: { icon: <ClockCircleFilled />, color: '#1f6feb', title: 'chk.recorded', sub: 'chk.recordedSub' },
  superseded: { icon: <SwapOutlined />, color: '#fa8c16', title: 'chk.superseded', sub: 'chk.supersededSub' },
  notIncluded: { icon: <CloseCircleFilled />, color: '#f5222d', title: 'chk.notIncluded', sub: 'chk.notIncludedSub' },
};

/** The answer of a receipt check: included or not, the Merkle root and the proof, in plain words. */
export function InclusionView({ receipt: r, extra }: { receipt: PublicReceiptView; extra?: ReactNode }) {
  const { mt, lang } = useMT();
  const v = verdictOf(r);
  const look = LOOK[v];
  // the server's sentence is Chinese; English readers get ours
  const sub = lang === 'zh' && r.message ? r.message : mt(look.sub);
  return (
    <Card size="small" data-testid="inclusion" data-verdict={v} style={{ marginBottom: 12 }}>
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', marginBottom: 12 }}>
        <span style={{ fontSize: 32, color: look.color, lineHeight: 1 }}>{look.icon}</span>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="inclusion-verdict">
            {mt(look.title)}
          </Typography.Title>
          <Typography.Text type="secondary">{sub}</Typography.Text>
        </div>
      </div>
      {lang === 'zh' && <Field label={mt('chk.standing')}>{r.standingLabel}</Field>}
      <Field label={mt('chk.meeting')}>{r.meetingTitle}</Field>
      <Field label={mt('chk.item')}>{r.itemTitle}</Field>
      <Field label={mt('chk.castAt')}>{`${formatDateTime(r.castAt)}（${mt('chk.seq', { n: r.chainSeq })}）`}</Field>
      <Field label={mt('rc.code')}>
        <ReceiptCode code={r.receipt} />
      </Field>
      {r.merkleRoot && (
        <Field label={mt('chk.root')}>
          <ReceiptCode code={r.merkleRoot} />
        </Field>
      )}
      {r.proof && r.merkleRoot && (
        <Field label={mt('chk.proof')} testId="proof-length">
          {r.proof.length === 0 ? (
            mt('chk.proofSingle')
          ) : (
            <>
              {mt('chk.proofPlace', { i: (r.leafIndex ?? 0) + 1, n: r.leafCount ?? 0 })}
              {mt('chk.proofSteps', { n: r.proof.length })}
            </>
          )}
          {r.proofValid ? <Tag color="green" style={{ marginLeft: 4 }}>{mt('chk.proofValid')}</Tag> : null}
        </Field>
      )}
      {extra}
    </Card>
  );
}
