import { Button, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../../app/i18n.tsx';

/** A code box with a "send code" button that counts down before it may be pressed again. */
export function SmsCodeInput(props: {
  /** set by Form.Item, so the field's label names the code box */
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  onSend: () => Promise<boolean>;
  /** the send button stays off (e.g. no phone to send to) */
  disabled?: boolean;
}) {
  const t = useT();
  const [wait, setWait] = useState(0);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    if (wait <= 0) return;
    const id = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(id);
  }, [wait]);
  const send = async () => {
    setSending(true);
    try {
      if (await props.onSend()) setWait(60);
    } finally {
      setSending(false);
    }
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange?.(e.target.value)}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
      />
      <Button onClick={() => void send()} disabled={wait > 0 || props.disabled} loading={sending} style={{ minWidth: 112 }}>
        {wait > 0 ? t('login.resend', { s: wait }) : t('login.sendCode')}
      </Button>
    </Space.Compact>
  );
}
