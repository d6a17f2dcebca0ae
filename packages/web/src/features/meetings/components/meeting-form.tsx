import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { EstateSelect } from '../../registry/index.ts';
import { CONVENER_LABELS, RULE_PROFILES, type ConvenerKind, type RuleProfileId } from '../labels.ts';
import type { MeetingView } from '../types.ts';
import { applyNestedErrors } from './form-errors.ts';
import { ItemFields, NEW_MATTER, type ItemValues } from './item-fields.tsx';

export interface MeetingFormValues {
  estateId?: number;
  title: string;
  description?: string;
  convenerKind: ConvenerKind;
  convenerName: string;
  rules: RuleProfileId;
  extraordinary: boolean;
  firstMeeting: boolean;
  householdCount?: number;
  votingOpensAt?: Dayjs;
  votingClosesAt?: Dayjs;
  allowChange: boolean;
  interimVisible: boolean;
  items: ItemValues[];
}

/** A new meeting: voting opens a little over the 15-day notice period from today. */
export function blankMeeting(estateId?: number): MeetingFormValues {
  const opens = dayjs().add(17, 'day').hour(9).minute(0).second(0).millisecond(0);
  return {
    estateId, title: '', description: '', convenerKind: 'committee', convenerName: '', rules: 'civil-code-2021',
    extraordinary: false, firstMeeting: false, householdCount: undefined, votingOpensAt: opens,
    votingClosesAt: opens.add(14, 'day').hour(18), allowChange: true, interimVisible: false, items: [{ ...NEW_MATTER }],
  };
}

export function valuesOf(m: MeetingView): MeetingFormValues {
  return {
    estateId: m.estateId, title: m.title, description: m.description ?? '', convenerKind: m.convenerKind,
    convenerName: m.convenerName, rules: m.rules, extraordinary: m.extraordinary, firstMeeting: !!m.firstMeeting,
    householdCount: m.householdCount, votingOpensAt: dayjs(m.votingOpensAt), votingClosesAt: dayjs(m.votingClosesAt),
    allowChange: m.allowChange, interimVisible: m.interimVisible,
    items: m.items.map((i) => ({
      kind: i.kind, matter: i.matter, title: i.title, description: i.description ?? '',
      seats: i.seats ?? undefined,
      scope: i.scope ?? undefined,
      candidates: i.kind === 'election' ? (i.candidates ?? []).map((c) => ({ name: c.name, statement: c.statement ?? '' })) : undefined,
    })),
  };
}

/** The request body of POST /meetings and PUT /meetings/:id. */
export function bodyOf(v: MeetingFormValues, withEstate: boolean) {
  return {
    ...(withEstate ? { estateId: v.estateId } : {}),
    title: v.title?.trim(),
    description: v.description?.trim() ?? '',
    convenerKind: v.convenerKind,
    convenerName: v.convenerName?.trim(),
    rules: v.rules,
    extraordinary: v.extraordinary,
    firstMeeting: v.firstMeeting,
    householdCount: v.householdCount,
    votingOpensAt: v.votingOpensAt?.toISOString(),
    votingClosesAt: v.votingClosesAt?.toISOString(),
    allowChange: v.allowChange,
    interimVisible: v.interimVisible,
    items: (v.items ?? []).map((i) => ({
      kind: i.kind,
      matter: i.kind === 'election' ? 3 : i.matter,
      title: i.title?.trim(),
      description: i.description?.trim() ?? '',
      ...(i.kind === 'matter' && (i.matter === 5 || i.matter === 6) && (i.scope?.buildings?.length || i.scope?.units?.length)
        ? { scope: { buildings: i.scope.buildings?.length ? i.scope.buildings : undefined, units: i.scope.units?.length ? i.scope.units : undefined } }
        : {}),
      ...(i.kind === 'election'
        ? { seats: i.seats, candidates: (i.candidates ?? []).map((c) => ({ name: c.name?.trim(), statement: c.statement?.trim() ?? '' })) }
        : {}),
    })),
  };
}

/** Create or edit (draft only) a meeting; the server's field errors land on the field they name. */
export function MeetingForm(props: {
  initial: MeetingFormValues;
  creating: boolean;
  onSave: (body: ReturnType<typeof bodyOf>) => Promise<void>;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<MeetingFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rules = Form.useWatch('rules', form) as RuleProfileId | undefined;

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
      await props.onSave(bodyOf(form.getFieldsValue(true) as MeetingFormValues, props.creating));
    } catch (e) {
      // the domain's approval checks say "items[0].seats", zod says "body.items.0.seats"
      setError(applyNestedErrors(form, e, { votingOpensOn: 'votingOpensAt', noticePublishedOn: 'votingOpensAt' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={props.initial} requiredMark scrollToFirstError>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Card title="基本信息" style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          {props.creating && (
            <Col xs={24} lg={12}>
              <Form.Item name="estateId" label="小区" rules={[{ required: true, message: '请选择小区' }]}>
                <EstateSelect style={{ width: '100%' }} allowClear={false} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} lg={12}>
            <Form.Item name="title" label="会议名称" rules={[{ required: true, whitespace: true, message: '请填写会议名称' }]}>
              <Input maxLength={200} placeholder="例如：翠竹苑2026年第一次业主大会会议" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="convenerKind" label="召集人类型" rules={[{ required: true, message: '请选择召集人类型' }]}>
              <Select options={Object.entries(CONVENER_LABELS).map(([value, label]) => ({ value, label }))} data-testid="convener-kind" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="convenerName" label="召集人名称" rules={[{ required: true, whitespace: true, message: '请填写召集人名称' }]}>
              <Input maxLength={200} placeholder="例如：翠竹苑业主委员会" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label="会议说明">
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title="表决规则与时间" style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            <Form.Item name="rules" label="议事规则（计票规则）" rules={[{ required: true, message: '请选择议事规则' }]}>
              <Select options={Object.entries(RULE_PROFILES).map(([value, p]) => ({ value, label: p.name }))} data-testid="rules" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item
              name="householdCount"
              label="申报户数"
              extra="应与公告时冻结的投票名册户数一致，街道审核时核对"
              rules={[{ required: true, message: '请填写户数' }]}
            >
              <InputNumber min={1} precision={0} style={{ width: 200 }} />
            </Form.Item>
          </Col>
          {rules && RULE_PROFILES[rules] && (
            <Col xs={24}>
              <Alert type="info" showIcon style={{ marginBottom: 16 }} title={RULE_PROFILES[rules].name} description={RULE_PROFILES[rules].explain} data-testid="rules-explain" />
            </Col>
          )}
          <Col xs={24} lg={12}>
            <Form.Item name="votingOpensAt" label="投票开始" extra="须在会议公告发布之日起至少 15 日后（发布当日不计入）" rules={[{ required: true, message: '请选择投票开始时间' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 240 }} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="votingClosesAt" label="投票截止" rules={[{ required: true, message: '请选择投票截止时间' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 240 }} />
            </Form.Item>
          </Col>
          <Col xs={12} lg={6}>
            <Form.Item name="extraordinary" label="临时会议" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} lg={6}>
            <Form.Item name="firstMeeting" label="首次业主大会会议" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} lg={6}>
            <Form.Item name="allowChange" label="截止前允许改票" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} lg={6}>
            <Form.Item name="interimVisible" label="投票期间公开同意/反对票数" valuePropName="checked" extra="默认不公开，仅公开参与率">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title="表决议题" style={{ marginBottom: 16 }}>
        <ItemFields />
      </Card>
      <Space>
        <Button type="primary" loading={busy} onClick={() => void save()} data-testid="meeting-save">
          {props.creating ? '创建会议' : '保存修改'}
        </Button>
        <Button onClick={props.onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
