/** a label and an amount on one line of a narrow card */
export function MoneyLine({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, padding: '3px 0', fontWeight: strong ? 700 : 400 }} data-testid={testId}>
      <span style={{ color: strong ? undefined : '#475467', minWidth: 0, wordBreak: 'break-word' }}>{label}</span>
      <span style={{ whiteSpace: 'nowrap' }}>{value}</span>
    </div>
  );
}
