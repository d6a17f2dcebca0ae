import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Input, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { useLang } from '../../../app/i18n.tsx';
import { useApi } from '../../../app/use-api.ts';
import { cleanReceipt } from '../api.ts';
import { InclusionView } from '../components/inclusion-view.tsx';
import { useMT } from '../messages.ts';
import type { PublicReceiptView } from '../types.ts';

// /verify: anyone, signed in or not, pastes a receipt code and sees whether that ballot is
// counted (never who cast it or what it says).

const RECEIPT = /^[0-9a-f]{64}$/;

export function VerifyPage() {
  const { mt } = useMT();
  const { lang, setLang, t } = useLang();
  const [params, setParams] = useSearchParams();
  const asked = cleanReceipt(params.get('r') ?? '');
  const [text, setText] = useState(asked);
  const [bad, setBad] = useState(false);
  const { data, error, loading } = useApi<PublicReceiptView>(RECEIPT.test(asked) ? `/public/receipts/${asked}` : null);

  const go = () => {
    const r = cleanReceipt(text);
    setBad(!RECEIPT.test(r));
    if (!RECEIPT.test(r)) return;
    // show what was checked: the code as the platform writes it
    setText(r);
    setParams({ r });
  };

  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', height: 52, padding: '0 12px', background: '#fff', borderBottom: '1px solid #eaecf0' }}>
        <span style={{ fontSize: 20, fontWeight: 700, color: '#1f6feb' }}>{t('product')}</span>
        <Button type="text" size="small" onClick={() => setLang(lang === 'en' ? 'zh' : 'en')}>
          {t('lang.switch')}
        </Button>
      </header>
      <main style={{ maxWidth: 640, margin: '0 auto', padding: 12 }}>
        <Typography.Title level={4} style={{ margin: '4px 0 8px' }}>
          <SafetyCertificateOutlined /> {mt('verify.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{mt('verify.hint')}</Typography.Paragraph>
        <Card size="small" style={{ marginBottom: 12 }}>
          <Input.TextArea
            aria-label={mt('verify.input')}
            data-testid="verify-input"
            placeholder={mt('verify.input')}
            autoSize={{ minRows: 2, maxRows: 4 }}
            value={text}
            status={bad ? 'error' : undefined}
            onChange={(e) => setText(e.target.value)}
            style={{ fontFamily: 'ui-monospace, monospace' }}
          />
          {bad && <Typography.Text type="danger">{mt('verify.invalid')}</Typography.Text>}
          <Button type="primary" size="large" block style={{ marginTop: 8 }} onClick={go}>
            {mt('verify.go')}
          </Button>
        </Card>
        {error?.status === 404 ? <ErrorAlert error={new Error(mt('chk.notFound'))} /> : <ErrorAlert error={error} />}
        {loading ? <Skeleton active /> : data ? <InclusionView receipt={data} /> : null}
      </main>
    </div>
  );
}
