import { Typography } from 'antd';
import { useMT } from '../messages.ts';

/** A 64-character receipt code: monospace, wrapped anywhere (a phone is narrower), copyable. */
export function ReceiptCode({ code }: { code: string }) {
  const { mt } = useMT();
  return (
    <Typography.Paragraph
      data-testid="receipt-code"
      copyable={{ text: code, tooltips: [mt('rc.code'), mt('rc.copied')] }}
      style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 13, wordBreak: 'break-all', margin: 0 }}
    >
      {code}
    </Typography.Paragraph>
  );
}
