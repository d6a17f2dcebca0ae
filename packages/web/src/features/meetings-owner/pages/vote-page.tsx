import { Alert, Button, Card, Radio, Result, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { castBallots, isRetryable, newIdempotencyKey } from '../api.ts';
import { Field } from '../components/field.tsx';
import { ItemChoice, voteText } from '../components/item-choice.tsx';
import { ItemNotice } from '../components/item-notice.tsx';
import { PhoneHeader } from '../components/phone-header.tsx';
import { useMT } from '../messages.ts';
import type { CastReceipt, CastVote } from '../types.ts';
import { keyQuery, useMyMeeting, voterKeyLabel } from '../use-meeting.ts';

// Vote: choose per item → review → submit. One submission attempt = one Idempotency-Key, made
// when the owner confirms on the review screen and reused by "重新提交" after a lost answer, so
// a retry can only return the first attempt's receipts. Going back to edit starts a new attempt.

/** a standing paper ballot may be 'spoiled': the owner starts that item afresh */
function asChoice(c: string | null): CastVote['choice'] {
  return c === 'yes' || c === 'no' || c === 'abstain' ? c : undefined;
}

type Problem = { kind: 'retry' | 'refused'; text: string };

export function VotePage() {
  const { mt, lang } = useMT();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const { data, error, loading, reload, voterKey, keys, current } = useMyMeeting(id);
  const [votes, setVotes] = useState<Record<number, CastVote>>({});
  const [step, setStep] = useState<'edit' | 'review'>('edit');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const attempt = useRef<string | null>(null);
  const filledFor = useRef<string | null>(null);

  // start from the owner's current ballot, so "change my ballot" shows what stands
  useEffect(() => {
    if (!data || !voterKey || filledFor.current === voterKey.voterKey) return;
    filledFor.current = voterKey.voterKey;
    const start: Record<number, CastVote> = {};
    for (const b of current) {
      start[b.itemId] = b.approvals ? { itemId: b.itemId, approvals: b.approvals } : { itemId: b.itemId, choice: asChoice(b.choice) };
    }
    setVotes(start);
  }, [data, voterKey, current]);

  if (loading && !data) return <Skeleton active />;
  if (!data) return <ErrorAlert error={error} onRetry={reload} />;
  const m = data;
  const { items } = data;
  const back = `/m/meetings/${id}${keyQuery(voterKey, keys)}`;
  const hadBallot = current.length > 0;

  const refusal =
    m.state !== 'voting_open' ? mt('vote.notOpen') : !voterKey ? mt('vote.noKey') : hadBallot && m.allowChange === false ? mt('vote.cantChange') : null;
  if (refusal) {
    return (
      <div>
        <PhoneHeader title={mt('vote.title')} back={back} />
        <Result status="info" title={refusal} extra={<Button onClick={() => navigate(back)}>{mt('nav.back')}</Button>} />
      </div>
    );
  }

  // an election with no tick is a valid ballot (participates, approves nobody): the review
  // screen says so in words before anything is sent
  const voteFor = (i: (typeof items)[number]): CastVote | undefined =>
    votes[i.id] ?? (i.kind === 'election' ? { itemId: i.id, approvals: [] } : undefined);
  const missing = items.filter((i) => voteFor(i)?.choice === undefined && voteFor(i)?.approvals === undefined).length;
  // changing a ballot sends only the items that differ: the others keep their ballot and receipt
  const standing = (itemId: number) => current.find((b) => b.itemId === itemId);
  const differs = (i: (typeof items)[number]) => {
    const b = standing(i.id);
    const v = voteFor(i);
    if (!b || !v) return true;
    if (i.kind === 'matter') return b.choice !== v.choice;
    const a = [...(b.approvals ?? [])].sort((x, y) => x - y).join(',');
    return a !== [...(v.approvals ?? [])].sort((x, y) => x - y).join(',');
  };
  const toSend = items.filter(differs);
  const none = mt('vote.noneApproved');

  const submit = async () => {
    attempt.current ??= newIdempotencyKey();
    setBusy(true);
    setProblem(null);
    try {
      const receipts: CastReceipt[] = await castBallots({
        meetingId: id,
        voterKey: voterKey!.voterKey,
        votes: toSend.map((i) => voteFor(i)!),
        idempotencyKey: attempt.current,
      });
      attempt.current = null;
      navigate(`/m/meetings/${id}/receipts${keyQuery(voterKey, keys)}`, { state: { justCast: receipts.length }, replace: true });
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e));
      if (isRetryable(err)) {
        setProblem({ kind: 'retry', text: err.status === 0 ? mt('vote.networkLost') : mt('vote.serverBusy', { code: err.status }) });
      } else {
        // a definite refusal: this attempt is over; a corrected ballot is a new attempt
        attempt.current = null;
        setProblem({ kind: 'refused', text: mt('vote.refused', { msg: err.message }) });
      }
    } finally {
      setBusy(false);
    }
  };

  if (step === 'review') {
    return (
      <div>
        <PhoneHeader title={mt('vote.reviewTitle')} />
        <Card size="small" style={{ marginBottom: 12 }} data-testid="review">
          <Typography.Paragraph type="secondary">
            {mt('vote.reviewHint')} {m.allowChange === false ? mt('vote.reviewFinal') : mt('vote.reviewChangeable')}
          </Typography.Paragraph>
          {items.map((i) => (
            <Field key={i.id} label={`${mt('m.item', { n: i.position })} · ${i.title}`}>
              <b data-testid={`review-${i.position}`} style={{ fontSize: 16 }}>
                {voteText(i, voteFor(i), lang, none)}
              </b>
              {hadBallot && differs(i) && <Tag color="blue" style={{ marginLeft: 8 }}>{mt('vote.changed')}</Tag>}
            </Field>
          ))}
        </Card>
        {toSend.length === 0 && <Alert type="info" showIcon title={mt('vote.nothingChanged')} style={{ marginBottom: 12 }} />}
        {problem && (
          <Alert
            data-testid="vote-problem"
            type={problem.kind === 'retry' ? 'warning' : 'error'}
            showIcon
            title={problem.text}
            style={{ marginBottom: 12 }}
          />
        )}
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <Button type="primary" size="large" block loading={busy} disabled={toSend.length === 0} onClick={submit}>
            {busy ? mt('vote.submitting') : problem?.kind === 'retry' ? mt('vote.resubmit') : mt('vote.submit')}
          </Button>
          <Button
            size="large"
            block
            disabled={busy}
            onClick={() => {
              attempt.current = null;
              setProblem(null);
              setStep('edit');
            }}
          >
            {mt('vote.edit')}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div>
      <PhoneHeader title={m.title} back={back} />
      {keys.length > 1 && (
        <Card size="small" title={mt('vote.as')} style={{ marginBottom: 12 }}>
          <Radio.Group
            value={voterKey!.voterKey}
            onChange={(e) => navigate(`/m/meetings/${id}/vote?voterKey=${encodeURIComponent(e.target.value)}`, { replace: true })}
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            options={keys.map((k) => ({
              value: k.voterKey,
              label: `${k.via === 'proxy' ? mt('m.viaProxy') : mt('m.viaOwner')} · ${voterKeyLabel(k)}`,
            }))}
          />
        </Card>
      )}
      {items.map((it) => (
        <ItemNotice key={it.id} item={it}>
          <ItemChoice item={it} vote={votes[it.id]} onChange={(v) => setVotes((s) => ({ ...s, [it.id]: v }))} />
        </ItemNotice>
      ))}
      <div style={{ position: 'sticky', bottom: 64, background: '#f5f7fa', padding: '8px 0' }}>
        {missing > 0 && (
          <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', marginBottom: 6 }}>
            {mt('vote.unanswered', { n: missing })}
          </Typography.Text>
        )}
        <Button
          type="primary"
          size="large"
          block
          disabled={missing > 0}
          onClick={() => {
            setProblem(null);
            attempt.current = null;
            setStep('review');
            window.scrollTo(0, 0);
          }}
        >
          {mt('vote.next')}
        </Button>
      </div>
    </div>
  );
}
