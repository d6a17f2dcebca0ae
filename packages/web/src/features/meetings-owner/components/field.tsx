import type { ReactNode } from 'react';

/** A label over its value, for a narrow screen: long Chinese labels and codes wrap cleanly
 *  (antd's vertical Descriptions puts the colon wherever the label happens to wrap). */
export function Field({ label, children, testId }: { label: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div style={{ marginBottom: 10 }} data-testid={testId}>
      <div style={{ fontSize: 13, color: '#667085', marginBottom: 2, wordBreak: 'break-word' }}>{label}</div>
      <div style={{ wordBreak: 'break-word' }}>{children}</div>
    </div>
  );
}
