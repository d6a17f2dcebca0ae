import { FILE_WITH_LABELS, type CityRulesOfCityView, type CityRulesUpdateBody } from '@gongzhi/contracts';
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { applyFieldErrors } from '../../../app/form-errors.ts';
import { useApi } from '../../../app/use-api.ts';
import { PERIOD_KIND_LABELS } from '../labels.ts';

// 本市公开规则: the city officer (or the admin) reads and sets their city's disclosure rule —
// the period, the filing due days, whom packages are filed with, the days to answer a question.
// The server decides who may (403/404); the card only shows itself to the roles that can.

const EDITORS = new Set(['city_officer', 'admin']);

/** The active grant's city, when the active role may set the city's rule; null otherwise. */
function useEditableCity(): number | null {
  const { me } = useAuth();
  const g = me?.grants.find((x) => x.id === me.activeGrantId);
  return g && EDITORS.has(g.role) && g.scopeKind === 'region' && g.scopeId != null ? g.scopeId : null;
}

/** `onSaved`: the page reloads what the rule decides (the latest period of the status table). */
export function CityRulesCard(props: { onSaved?: () => void }) {
  const cityId = useEditableCity();
  return cityId === null ? null : <CityRulesEditor cityId={cityId} onSaved={props.onSaved} />;
}

function CityRulesEditor({ cityId, onSaved }: { cityId: number; onSaved?: () => void }) {
  const { message } = App.useApp();
  // a grant on a region that is not a city answers 404: nothing to show
  const q = useApi<CityRulesOfCityView>(`/disclosure/city-rules/${cityId}`);
  const [form] = Form.useForm<CityRulesUpdateBody>();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const r = q.data;
  if (!r) return null;

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await api<CityRulesOfCityView>('PUT', `/disclosure/city-rules/${cityId}`, { body: v });
      message.success('本市公开规则已保存');
      setEditing(false);
      q.reload();
      onSaved?.();
    } catch (e) {
      setError(applyFieldErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={`本市公开规则（${r.cityName}）`}
      style={{ marginBottom: 16 }}
      data-testid="city-rules"
      extra={!editing && <Button size="small" onClick={() => { form.setFieldsValue(r); setEditing(true); }} data-testid="city-rules-edit">修改</Button>}
    >
      {!editing ? (
        <Descriptions size="small" column={{ xs: 1, md: 4 }}>
          <Descriptions.Item label="公示周期">{r.periodKindLabel}</Descriptions.Item>
          <Descriptions.Item label="报送期限">期末后 {r.filingDueDays} 天</Descriptions.Item>
          <Descriptions.Item label="报送对象">{r.fileWithLabel}</Descriptions.Item>
          <Descriptions.Item label="质询答复期限">{r.answerDays} 天{!r.configured && '（默认）'}</Descriptions.Item>
        </Descriptions>
      ) : (
        <>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="inline" disabled={busy}>
            <Form.Item name="periodKind" label="公示周期" rules={[{ required: true, message: '请选择公示周期' }]}>
              <Select style={{ width: 110 }} options={(['month', 'quarter', 'half_year'] as const).map((k) => ({ value: k, label: PERIOD_KIND_LABELS[k] }))} data-testid="city-rules-period" />
            </Form.Item>
            <Form.Item name="filingDueDays" label="报送期限（天）" rules={[{ required: true, message: '请填写报送期限' }]}>
              <InputNumber min={1} max={120} precision={0} data-testid="city-rules-due" />
            </Form.Item>
            <Form.Item name="fileWith" label="报送对象" rules={[{ required: true, message: '请选择报送对象' }]}>
              <Select style={{ width: 170 }} options={(['street', 'district'] as const).map((k) => ({ value: k, label: FILE_WITH_LABELS[k] }))} data-testid="city-rules-file-with" />
            </Form.Item>
            <Form.Item name="answerDays" label="质询答复期限（天）" rules={[{ required: true, message: '请填写质询答复期限' }]}>
              <InputNumber min={1} max={60} precision={0} data-testid="city-rules-answer" />
            </Form.Item>
          </Form>
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" loading={busy} onClick={() => void save()} data-testid="city-rules-save">保存</Button>
            <Button onClick={() => { setError(null); setEditing(false); }}>取消</Button>
            {/* filings and questions store their due dates when created */}
            <Typography.Text type="secondary">修改只影响此后新建的公示备案和新提出的质询，已有的截止日期不变。</Typography.Text>
          </Space>
        </>
      )}
    </Card>
  );
}
