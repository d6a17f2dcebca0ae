import { LogoutOutlined, TranslationOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { apiPost, type ApiError } from '../api.ts';
import { useAuth, useMe } from '../auth.tsx';
import { useLang } from '../i18n.tsx';
import { roleLabel } from '../labels.ts';

/** Role switcher, language switch and sign-out; `compact` for the phone header. */
export function TopBarActions({ compact = false }: { compact?: boolean }) {
  const me = useMe();
  const { reload, logout } = useAuth();
  const { lang, setLang, t } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [switching, setSwitching] = useState(false);

  const switchRole = async (grantId: number) => {
    setSwitching(true);
    try {
      await apiPost('/auth/switch-role', { grantId });
      await reload();
      navigate('/', { replace: true });
    } catch (e) {
      message.error((e as ApiError).message);
    } finally {
      setSwitching(false);
    }
  };

  const options = me.grants.map((g) => ({ value: g.id, label: `${roleLabel(g.role, lang)} · ${g.scopeName}` }));
  return (
    <Space size={compact ? 4 : 12}>
      {!compact && <span style={{ color: '#667085' }}>{me.displayName}</span>}
      {/* on a phone a single role needs no switcher; on a desktop it still says who you act as */}
      {options.length > (compact ? 1 : 0) && (
        <Select
          aria-label={t('role')}
          data-testid="role-switcher"
          value={me.activeGrantId ?? undefined}
          options={options}
          loading={switching}
          onChange={(v) => void switchRole(v)}
          style={{ width: compact ? 150 : 260 }}
          popupMatchSelectWidth={false}
          size={compact ? 'small' : 'middle'}
        />
      )}
      <Tooltip title={lang === 'zh' ? 'Switch to English' : '切换到中文'}>
        <Button
          size={compact ? 'small' : 'middle'}
          icon={<TranslationOutlined />}
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          data-testid="lang-switch"
        >
          {compact ? (lang === 'zh' ? 'EN' : '中') : t('lang.switch')}
        </Button>
      </Tooltip>
      <Tooltip title={t('logout')}>
        <Button
          size={compact ? 'small' : 'middle'}
          icon={<LogoutOutlined />}
          aria-label={t('logout')}
          onClick={() => void logout().then(() => navigate('/login', { replace: true }))}
        >
          {compact ? null : t('logout')}
        </Button>
      </Tooltip>
    </Space>
  );
}
