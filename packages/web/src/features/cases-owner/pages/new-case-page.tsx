import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { MyUnitsResponse } from '@gongzhi/contracts';
import { Alert, App, Button, Card, Empty, Form, Input, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { apiPost } from '../../../app/api.ts';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { applyFieldErrors } from '../../../app/form-errors.ts';
import { useApi } from '../../../app/use-api.ts';
import { uploadAttachment } from '../../meetings/components/upload.ts';
import { PhoneHeader } from '../../meetings-owner/components/phone-header.tsx';
import { ChoiceGrid } from '../components/choice-grid.tsx';
import { estatesOf, LocationFields, type LocationKind } from '../components/location-fields.tsx';
import { MAX_PHOTOS, PhotoPicker, type PickedPhoto } from '../components/photo-picker.tsx';
import { CASE_CATEGORIES, CASE_PRIORITIES, categoryLabel, priorityLabel, type CaseCategory, type CasePriority } from '../labels.ts';
import { useCT } from '../messages.ts';
import type { CaseDetail } from '../types.ts';

// 我要报事: category, priority, place, title, description and up to nine photos. The case is filed
// first (POST /my/cases); each photo is then uploaded to it. The server judges every photo (an
// image? at most 5 MB?): a refused one is listed with the server's words before the owner moves
// on, the others are on the case. The form's field errors are the server's (Chinese) too.

interface Values {
  category?: CaseCategory;
  priority: CasePriority;
  locationKind?: LocationKind;
  unitId?: number;
  buildingId?: number;
  estateId?: number;
  locationText?: string;
  title?: string;
  description?: string;
}

interface PhotoResult {
  key: string;
  name: string;
  ok: boolean;
  message?: string;
}

const trimmed = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/** the request body for the place chosen: only the fields that place uses */
function bodyOf(v: Values, units: MyUnitsResponse['units']) {
  const estates = estatesOf(units);
  const kind = v.locationKind;
  const onlyEstate = estates.length === 1 ? estates[0]!.id : undefined;
  return {
    category: v.category,
    priority: v.priority,
    locationKind: kind,
    ...(kind === 'unit' ? { unitId: v.unitId } : {}),
    ...(kind === 'building' ? { buildingId: v.buildingId } : {}),
    ...(kind === 'common_area' || kind === 'estate' ? { estateId: v.estateId ?? onlyEstate } : {}),
    ...(kind === 'common_area' || kind === 'building' ? { locationText: trimmed(v.locationText) } : {}),
    title: v.title?.trim() ?? '',
    description: v.description?.trim() ?? '',
  };
}

function PhotoResults({ filed, results }: { filed: { id: number; no: string }; results: PhotoResult[] }) {
  const { ct } = useCT();
  const navigate = useNavigate();
  const refused = results.filter((r) => !r.ok);
  return (
    <Card size="small" data-testid="case-photo-results">
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={ct('new.someRefused', { no: filed.no, n: refused.length })} />
      {results.map((r) => (
        <div key={r.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', marginBottom: 8 }} data-testid="case-photo-result" data-ok={r.ok ? 'yes' : 'no'}>
          {r.ok ? <CheckCircleFilled style={{ color: '#12b76a', marginTop: 4 }} /> : <CloseCircleFilled style={{ color: '#d92d20', marginTop: 4 }} />}
          <div style={{ minWidth: 0, flex: 1 }}>
            <div style={{ wordBreak: 'break-all' }}>{r.name}</div>
            <div style={{ fontSize: 13, color: r.ok ? '#667085' : '#d92d20', wordBreak: 'break-word' }}>
              {r.ok ? ct('new.photoOk') : `${ct('new.photoRefused')}${ct('colon')}${r.message ?? ''}`}
            </div>
          </div>
        </div>
      ))}
      <Button type="primary" block onClick={() => navigate(`/m/cases/${filed.id}`, { replace: true })} data-testid="case-open">
        {ct('new.openCase')}
      </Button>
    </Card>
  );
}

export function NewCasePage() {
  const { ct, lang } = useCT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const canFile = useCan('my.units');
  const unitsQ = useApi<MyUnitsResponse>(canFile ? '/my/units' : null);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('locationKind', form);
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [filed, setFiled] = useState<{ id: number; no: string } | null>(null);
  const [results, setResults] = useState<PhotoResult[]>([]);
  const units = unitsQ.data?.units ?? [];

  const submit = async (v: Values) => {
    setProblem(null);
    setBusy(ct('new.submitting'));
    let created: CaseDetail;
    try {
      created = await apiPost<CaseDetail>('/my/cases', bodyOf(v, units));
    } catch (e) {
      setProblem(applyFieldErrors(form, e));
      setBusy(null);
      return;
    }
    // filed: from here on the case exists; each photo succeeds or is refused on its own
    const out: PhotoResult[] = [];
    for (const [i, p] of photos.entries()) {
      setBusy(ct('new.uploading', { i: i + 1, n: photos.length }));
      try {
        await uploadAttachment(p.file, { recordType: 'case', recordId: String(created.id), estateId: created.estateId });
        out.push({ key: p.key, name: p.file.name, ok: true });
      } catch (e) {
        out.push({ key: p.key, name: p.file.name, ok: false, message: (e as Error).message });
      }
    }
    setBusy(null);
    if (out.every((r) => r.ok)) {
      message.success(ct('new.filed', { no: created.no }));
      navigate(`/m/cases/${created.id}`, { replace: true });
      return;
    }
    setFiled({ id: created.id, no: created.no });
    setResults(out);
  };

  if (filed) {
    return (
      <div>
        <PhoneHeader title={ct('new.title')} back="/m/cases" />
        <PhotoResults filed={filed} results={results} />
      </div>
    );
  }
  return (
    <div>
      <PhoneHeader title={ct('new.title')} back="/m/cases" />
      <ErrorAlert error={unitsQ.error} onRetry={unitsQ.reload} />
      {!canFile || (unitsQ.data && units.length === 0) ? (
        <Card>
          <Empty description={ct('new.noUnits')}>
            <Button type="primary" onClick={() => navigate('/m/bind')}>{ct('list.goBind')}</Button>
          </Empty>
        </Card>
      ) : !unitsQ.data ? (
        <Skeleton active />
      ) : (
        <Card size="small">
          <Form<Values>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            initialValues={{ priority: 'normal', unitId: units.length === 1 ? units[0]!.unitId : undefined, buildingId: units.length === 1 ? units[0]!.buildingId : undefined }}
            // a server reason stays on its field only until the owner changes that field
            onValuesChange={(changed) => form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof Values, errors: [] })))}
          >
            <Form.Item name="category" label={ct('new.category')} rules={[{ required: true, message: ct('new.chooseCategory') }]}>
              <ChoiceGrid<CaseCategory> testId="case-cat" columns={3} choices={CASE_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c, lang) }))} />
            </Form.Item>
            <Form.Item name="priority" label={ct('new.priority')} extra={ct('new.urgentHint')}>
              <Segmented<CasePriority> block data-testid="case-priority" options={CASE_PRIORITIES.map((p) => ({ value: p, label: priorityLabel(p, lang) }))} />
            </Form.Item>
            <LocationFields units={units} kind={kind} />
            <Form.Item name="title" label={ct('new.title2')}>
              <Input maxLength={100} showCount placeholder={ct('new.titlePh')} data-testid="case-title-input" />
            </Form.Item>
            <Form.Item name="description" label={ct('new.description')}>
              <Input.TextArea rows={5} maxLength={4000} showCount placeholder={ct('new.descriptionPh')} data-testid="case-description" />
            </Form.Item>
            <Form.Item label={ct('new.photos', { n: MAX_PHOTOS })} extra={ct('new.photosHint')}>
              <PhotoPicker value={photos} onChange={setPhotos} />
            </Form.Item>
            {problem && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problem} data-testid="case-error" />}
            <Button type="primary" htmlType="submit" block size="large" loading={busy !== null} data-testid="case-submit">
              {busy ?? ct('new.submit')}
            </Button>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>{ct('list.hint')}</Typography.Paragraph>
          </Form>
        </Card>
      )}
    </div>
  );
}
