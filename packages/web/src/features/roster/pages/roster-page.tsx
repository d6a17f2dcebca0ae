import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { ImportIssue, RosterImportResult } from '@gongzhi/contracts';
import { Alert, App, Button, Checkbox, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, apiDownload, apiUpload } from '../../../app/api.ts';
import { useCan } from '../../../app/auth.tsx';
import { Page } from '../../../app/components/page.tsx';
import { useT } from '../../../app/i18n.tsx';
import { EstateSelect } from '../../registry/index.ts';
import { ImportIssues } from '../components/import-issues.tsx';
import { ImportSuccess } from '../components/import-success.tsx';

type Outcome =
  | { kind: 'ok'; result: RosterImportResult; fileName: string }
  | { kind: 'invalid'; issues: ImportIssue[]; total: number; fileName: string }
  | { kind: 'error'; message: string };

export function RosterPage() {
  const t = useT();
  const { message } = App.useApp();
  const canImport = useCan('registry.import');
  const canExport = useCan('registry.export');
  const [params, setParams] = useSearchParams();
  const estateId = params.get('estateId') ? Number(params.get('estateId')) : undefined;
  const [dryRun, setDryRun] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const chooseEstate = (id: number | undefined) => {
    setOutcome(null);
    setParams(id ? { estateId: String(id) } : {}, { replace: true });
  };

  const upload = async (file: File) => {
    if (!estateId) return;
    setBusy(true);
    setOutcome(null);
    try {
      const result = await apiUpload<RosterImportResult>(`/estates/${estateId}/roster/import`, file, { dryRun: dryRun ? 1 : undefined });
      setOutcome({ kind: 'ok', result, fileName: file.name });
    } catch (e) {
      const err = e as ApiError;
      if (err instanceof ApiError && err.code === 'IMPORT_INVALID') {
        const d = err.details as { issues?: ImportIssue[]; total?: number } | undefined;
        const issues = d?.issues ?? [];
        setOutcome({ kind: 'invalid', issues, total: d?.total ?? issues.length, fileName: file.name });
      } else {
        setOutcome({ kind: 'error', message: err.message });
      }
    } finally {
      setBusy(false);
    }
  };

  const download = async (path: string, name: string) => {
    try {
      await apiDownload(path, name);
    } catch (e) {
      message.error((e as ApiError).message);
    }
  };

  return (
    <Page
      title={t('roster.title')}
      extra={
        canImport && (
          <Button icon={<DownloadOutlined />} onClick={() => void download('/roster/template', 'roster-template.xlsx')}>
            {t('roster.template')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('roster.hint')}</Typography.Paragraph>
      <Space wrap size={12} style={{ marginBottom: 16 }}>
        <EstateSelect value={estateId} onChange={chooseEstate} placeholder={t('roster.chooseEstate')} style={{ width: 260 }} />
        {canImport && (
          <>
            <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
              {t('roster.dryRun')}
            </Checkbox>
            <Upload
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showUploadList={false}
              disabled={!estateId || busy}
              beforeUpload={(file) => {
                void upload(file);
                return false; // we send it ourselves
              }}
            >
              <Button type="primary" icon={<UploadOutlined />} loading={busy} disabled={!estateId} data-testid="roster-upload">
                {t('roster.upload')}
              </Button>
            </Upload>
          </>
        )}
        {canExport && (
          <Button
            icon={<DownloadOutlined />}
            disabled={!estateId}
            onClick={() => void download(`/estates/${estateId}/roster/export`, `roster-${estateId}.xlsx`)}
          >
            {t('roster.export')}
          </Button>
        )}
      </Space>
      {busy && <Alert type="info" showIcon title={t('roster.uploading')} />}
      {outcome?.kind === 'error' && <Alert type="error" showIcon title={outcome.message} />}
      {outcome?.kind === 'invalid' && <ImportIssues issues={outcome.issues} total={outcome.total} fileName={outcome.fileName} />}
      {outcome?.kind === 'ok' && estateId && <ImportSuccess result={outcome.result} estateId={estateId} fileName={outcome.fileName} />}
    </Page>
  );
}
