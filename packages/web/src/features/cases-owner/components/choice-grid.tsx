import type { ReactNode } from 'react';

// A grid of big tappable choices (a phone's thumb, not a dropdown): the category and the place of
// a case. Works as an antd Form control (value / onChange).

export interface Choice<V extends string> {
  value: V;
  label: ReactNode;
}

export function ChoiceGrid<V extends string>({
  choices, value, onChange, columns, testId,
}: { choices: Choice<V>[]; value?: V; onChange?: (v: V) => void; columns: number; testId: string }) {
  return (
    <div role="radiogroup" data-testid={testId} style={{ display: 'grid', gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: 8 }}>
      {choices.map((c) => {
        const on = c.value === value;
        return (
          <button
            key={c.value}
            type="button"
            role="radio"
            aria-checked={on}
            data-testid={`${testId}-${c.value}`}
            onClick={() => onChange?.(c.value)}
            style={{
              minWidth: 0,
              minHeight: 44,
              padding: '6px 4px',
              borderRadius: 8,
              border: `1px solid ${on ? '#1f6feb' : '#d0d5dd'}`,
              background: on ? '#eef4ff' : '#fff',
              color: on ? '#1f6feb' : '#344054',
              fontWeight: on ? 600 : 400,
              fontSize: 14,
              lineHeight: 1.3,
              wordBreak: 'break-word',
              cursor: 'pointer',
            }}
          >
            {c.label}
          </button>
        );
      })}
    </div>
  );
}
