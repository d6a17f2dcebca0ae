import type { RosterImportResult } from '@gongzhi/contracts';
import { Alert, Button } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../app/i18n.tsx';

export function ImportSuccess({ result, estateId, fileName }: { result: RosterImportResult; estateId: number; fileName: string }) {
  const t = useT();
  const c = result.counts;
  return (
    <Alert
      type={result.dryRun ? 'info' : 'success'}
      showIcon
      data-testid="import-success"
      title={`${result.dryRun ? t('roster.validOnly') : t('roster.success')}（${fileName}）`}
      description={t('roster.counts', {
        rows: c.rows,
        created: c.unitsCreated,
        updated: c.unitsUpdated,
        owners: c.ownersCreated,
        changed: c.ownershipsChanged,
      })}
      action={
        !result.dryRun && (
          <Link to={`/registry/units?estateId=${estateId}`}>
            <Button size="small">{t('estate.viewUnits')}</Button>
          </Link>
        )
      }
    />
  );
}
