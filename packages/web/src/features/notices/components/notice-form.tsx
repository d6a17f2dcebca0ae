import { Alert, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { EstateSelect } from '../../registry/index.ts';
import { applyNestedErrors } from '../../meetings/components/form-errors.ts';
import { BuildingMultiSelect } from '../../funds/components/building-multi-select.tsx';
import { AUDIENCE_OPTIONS, NOTICE_KIND_LABELS } from '../labels.ts';
import type { NoticeAudience, NoticeDetail, NoticeKind } from '../types.ts';

export interface NoticeFormValues {
  estateId?: number;
  kind: NoticeKind;
  title: string;
  body: string;
  audience: NoticeAudience;
  buildingIds: number[];
  publicityStart?: dayjs.Dayjs | null;
  publicityEnd?: dayjs.Dayjs | null;
  expiresAt?: dayjs.Dayjs | null;
  pinned: boolean;
}

export function blankNotice(): NoticeFormValues {
  return { kind: 'notice', title: '', body: '', audience: 'estate', buildingIds: [], pinned: false };
}

export function valuesOf(n: NoticeDetail): NoticeFormValues {
  return {
    estateId: n.estateId, kind: n.kind, title: n.title, body: n.body, audience: n.audience, buildingIds: n.buildingIds ?? [],
    publicityStart: n.publicityStart ? dayjs(n.publicityStart) : null,
    publicityEnd: n.publicityEnd ? dayjs(n.publicityEnd) : null,
    expiresAt: n.expiresAt ? dayjs(n.expiresAt) : null,
    pinned: n.pinned,
  };
}

/** The body of POST /estates/:id/notices and PATCH /notices/:id. */
export function bodyOf(v: NoticeFormValues) {
  return {
    kind: v.kind,
    title: v.title?.trim(),
    body: v.body?.trim(),
    audience: v.audience,
    ...(v.audience === 'buildings' ? { buildingIds: v.buildingIds ?? [] } : { buildingIds: [] }),
    // null clears what an edited draft had (a 公示 turned into a 通知, an expiry taken away)
    publicityStart: v.kind === 'publicity' ? v.publicityStart?.format('YYYY-MM-DD') ?? null : null,
    publicityEnd: v.kind === 'publicity' ? v.publicityEnd?.format('YYYY-MM-DD') ?? null : null,
    // a notice expires at the end of the chosen day
    expiresAt: v.expiresAt ? v.expiresAt.endOf('day').toISOString() : null,
    pinned: !!v.pinned,
  };
}

/** Compose or edit a draft notice: kind, audience (with buildings), publicity dates, expiry, pin. */
export function NoticeForm(props: {
  initial: NoticeFormValues;
  creating: boolean;
  estateName?: string;
  onSave: (estateId: number, body: ReturnType<typeof bodyOf>) => Promise<void>;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<NoticeFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const estateId = Form.useWatch('estateId', form) as number | undefined;
  const kind = Form.useWatch('kind', form);
  const audience = Form.useWatch('audience', form);

  const save = async () => {
    setError(null);
    try {
      await form.validateFields();
    } catch {
      setError('请先更正标红的字段');
      return;
    }
    setBusy(true);
    try {
      const v = form.getFieldsValue(true) as NoticeFormValues;
      await props.onSave(v.estateId!, bodyOf(v));
    } catch (e) {
      setError(applyNestedErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={props.initial} requiredMark scrollToFirstError>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Card title="内容" style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            {props.creating ? (
              <Form.Item name="estateId" label="小区" rules={[{ required: true, message: '请选择小区' }]}>
                <EstateSelect style={{ width: '100%' }} allowClear={false} />
              </Form.Item>
            ) : (
              <Form.Item label="小区">{props.estateName}</Form.Item>
            )}
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={Object.entries(NOTICE_KIND_LABELS).map(([value, label]) => ({ value, label }))}
                data-testid="notice-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
              <Input maxLength={200} showCount placeholder="例如：关于3号楼二次供水水箱清洗的通知" data-testid="notice-title" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="body" label="正文" rules={[{ required: true, whitespace: true, message: '请填写正文' }]}>
              <Input.TextArea rows={10} maxLength={20000} showCount data-testid="notice-body" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title="发布范围与期限" style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          <Col xs={24}>
            <Form.Item name="audience" label="发布对象" rules={[{ required: true }]}>
              <Radio.Group options={AUDIENCE_OPTIONS} data-testid="notice-audience" />
            </Form.Item>
          </Col>
          {audience === 'buildings' && (
            <Col xs={24}>
              <Form.Item name="buildingIds" label="楼栋" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一栋楼' }]}>
                <BuildingMultiSelect estateId={estateId ?? props.initial.estateId} />
              </Form.Item>
            </Col>
          )}
          {kind === 'publicity' && (
            <>
              <Col xs={24} lg={8}>
                <Form.Item name="publicityStart" label="公示开始" rules={[{ required: true, message: '请选择公示开始日期' }]}>
                  <DatePicker style={{ width: '100%' }} data-testid="publicity-start" />
                </Form.Item>
              </Col>
              <Col xs={24} lg={8}>
                <Form.Item
                  name="publicityEnd"
                  label="公示结束"
                  dependencies={['publicityStart']}
                  rules={[
                    { required: true, message: '请选择公示结束日期' },
                    ({ getFieldValue }) => ({
                      validator: (_, v: dayjs.Dayjs | null) => {
                        const start = getFieldValue('publicityStart') as dayjs.Dayjs | null;
                        return !v || !start || !v.isBefore(start, 'day') ? Promise.resolve() : Promise.reject(new Error('结束日期不能早于开始日期'));
                      },
                    }),
                  ]}
                >
                  <DatePicker style={{ width: '100%' }} data-testid="publicity-end" />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} lg={8}>
            <Form.Item name="expiresAt" label="有效期至（可选）" extra="过期后业主端不再置顶，仍可查阅">
              <DatePicker style={{ width: '100%' }} data-testid="notice-expires" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item name="pinned" label="置顶" valuePropName="checked">
              <Switch data-testid="notice-pinned" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Space>
        <Button type="primary" loading={busy} onClick={() => void save()} data-testid="notice-save">
          {props.creating ? '保存草稿' : '保存修改'}
        </Button>
        <Button onClick={props.onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
