import { Alert, Button } from 'antd';
import type { ApiError } from '../api.ts';
import { useT } from '../i18n.tsx';

/** A failed request, as the server explained it. */
export function ErrorAlert({ error, onRetry }: { error: ApiError | Error | undefined; onRetry?: () => void }) {
  const t = useT();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={error.message || t('err.generic')}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('retry')}</Button> : undefined}
    />
  );
}
