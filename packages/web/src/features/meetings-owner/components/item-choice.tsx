import { Checkbox, Radio, Typography } from 'antd';
import { choiceLabel } from '../labels.ts';
import { useMT } from '../messages.ts';
import type { CastVote, Choice, ItemView } from '../types.ts';

// The input for one item: 同意/反对/弃权 for a matter; for an election a tick per candidate,
// at most `seats` (the boxes left unticked are disabled once the seats are filled; the server
// refuses more anyway).

const CHOICES = ['yes', 'no', 'abstain'] as const;

export function ItemChoice({ item, vote, onChange }: { item: ItemView; vote: CastVote | undefined; onChange: (v: CastVote) => void }) {
  const { mt, lang } = useMT();
  if (item.kind === 'matter') {
    return (
      <Radio.Group
        block
        size="large"
        optionType="button"
        buttonStyle="solid"
        data-testid={`choice-${item.position}`}
        value={vote?.choice}
        onChange={(e) => onChange({ itemId: item.id, choice: e.target.value })}
        options={CHOICES.map((c) => ({ value: c, label: choiceLabel(c, lang) }))}
        style={{ marginTop: 4 }}
      />
    );
  }
  const seats = item.seats ?? 1;
  const picked = vote?.approvals ?? [];
  const full = picked.length >= seats;
  return (
    <div data-testid={`election-${item.position}`}>
      <Typography.Text type={full ? 'warning' : 'secondary'} style={{ display: 'block', marginBottom: 8 }} data-testid="seats-count">
        {full ? mt('vote.seatsFull', { n: seats }) : mt('vote.pickSeats', { n: seats, k: picked.length })}
      </Typography.Text>
      {(item.candidates ?? []).map((c) => {
        const checked = picked.includes(c.id);
        return (
          <div key={c.id} style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
            <Checkbox
              checked={checked}
              disabled={!checked && full}
              onChange={(e) =>
                onChange({
                  itemId: item.id,
                  approvals: e.target.checked ? [...picked, c.id] : picked.filter((x) => x !== c.id),
                })
              }
            >
              <span style={{ fontSize: 15 }}>{c.name}</span>
            </Checkbox>
            {c.statement && (
              <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0 24px', fontSize: 13 }} ellipsis={{ rows: 2, expandable: true }}>
                {c.statement}
              </Typography.Paragraph>
            )}
          </div>
        );
      })}
    </div>
  );
}

/** the vote in words, for the review screen and the receipts */
export function voteText(item: ItemView, v: { choice?: string | null; approvals?: number[] | null } | undefined, lang: 'zh' | 'en', none: string): string {
  if (!v) return '—';
  if (item.kind === 'matter') return v.choice ? choiceLabel(v.choice as Choice, lang) : '—';
  const names = (item.candidates ?? []).filter((c) => v.approvals?.includes(c.id)).map((c) => c.name);
  return names.length ? names.join('、') : none;
}
