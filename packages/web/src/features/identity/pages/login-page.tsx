import type { LoginResponse } from '@gongzhi/contracts';
import { Alert, Card, Col, Form, Row, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useAuth } from '../../../app/auth.tsx';
import { useLang } from '../../../app/i18n.tsx';
import { DemoAccounts } from '../components/demo-accounts.tsx';
import { MfaStep } from '../components/mfa-step.tsx';
import { PasswordLoginForm, type PasswordValues } from '../components/password-login-form.tsx';
import { SmsLoginForm } from '../components/sms-login-form.tsx';

export function LoginPage() {
  const { t, lang, setLang } = useLang();
  const { me, reload, notice, clearNotice } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordValues>();
  const [tab, setTab] = useState('password');
  const [mfa, setMfa] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // the "session expired" notice is shown once, then forgotten
  const [shownNotice] = useState(notice);
  useEffect(() => {
    if (notice) clearNotice();
  }, [notice, clearNotice]);

  if (me && !mfa) return <Navigate to="/" replace />;

  const onAnswer = async (answer: LoginResponse) => {
    if ('mfaRequired' in answer) {
      setMfa(true);
      return;
    }
    await reload();
    navigate('/', { replace: true });
  };
  const finishMfa = async () => {
    await reload();
    setMfa(false);
    navigate('/', { replace: true });
  };

  return (
    <div style={{ minHeight: '100vh', padding: '32px 12px', background: 'linear-gradient(180deg,#eaf2ff 0,#f5f7fa 320px)' }}>
      <div style={{ maxWidth: 1040, margin: '0 auto' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', marginBottom: 24, gap: 8 }}>
          <div>
            <span style={{ fontSize: 32, fontWeight: 700, color: '#1f6feb', marginRight: 12 }}>{t('product')}</span>
            <Typography.Text type="secondary">{t('productTagline')}</Typography.Text>
          </div>
          <Typography.Link onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch" style={{ whiteSpace: 'nowrap' }}>
            {t('lang.switch')}
          </Typography.Link>
        </div>
        <Row gutter={[24, 24]}>
          <Col xs={24} md={10}>
            <Card title={mfa ? t('login.mfaTitle') : t('login.title')}>
              {shownNotice && !error && <Alert type="warning" showIcon title={shownNotice} style={{ marginBottom: 16 }} />}
              {mfa ? (
                <MfaStep onDone={() => void finishMfa()} onCancel={() => setMfa(false)} />
              ) : (
                <>
                  {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
                  <Tabs
                    activeKey={tab}
                    onChange={(k) => {
                      setTab(k);
                      setError(null);
                    }}
                    items={[
                      { key: 'password', label: t('login.tabPassword'), children: <PasswordLoginForm form={form} onAnswer={(a) => void onAnswer(a)} onError={setError} /> },
                      { key: 'sms', label: t('login.tabSms'), children: <SmsLoginForm onAnswer={(a) => void onAnswer(a)} onError={setError} /> },
                    ]}
                  />
                </>
              )}
            </Card>
          </Col>
          <Col xs={24} md={14}>
            <DemoAccounts
              onUse={(login, password) => {
                setTab('password');
                setMfa(false);
                setError(null);
                form.setFieldsValue({ login, password });
              }}
            />
          </Col>
        </Row>
      </div>
    </div>
  );
}
