import { Progress, Typography } from 'antd';
import { percent } from './csv.ts';

/** One share as a bar with its figures and a mark at the threshold (e.g. 2/3 participation). */
export function ShareBar(props: { label: string; part: number; whole: number; format: (n: number) => string; mark?: { at: number; label: string }; ok?: boolean; testId?: string }) {
  const pct = props.whole ? Math.min(100, (props.part * 100) / props.whole) : 0;
  return (
    <div style={{ marginBottom: 8 }} data-testid={props.testId}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text>{props.label}</Typography.Text>
        <Typography.Text type="secondary">
          {props.format(props.part)} / {props.format(props.whole)}（{percent(props.part, props.whole)}）
        </Typography.Text>
      </div>
      <div style={{ position: 'relative' }}>
        <Progress percent={pct} showInfo={false} status={props.ok ? 'success' : 'active'} strokeColor={props.ok ? '#12b76a' : undefined} />
        {props.mark && (
          <div
            title={props.mark.label}
            style={{ position: 'absolute', top: 0, bottom: 0, left: `${props.mark.at * 100}%`, borderLeft: '2px dashed #f79009' }}
          />
        )}
      </div>
    </div>
  );
}
