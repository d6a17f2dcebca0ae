import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import type { BuildingView } from '@gongzhi/contracts';
import { useApi } from '../../../app/use-api.ts';
import { MATTERS, thresholdText } from '../labels.ts';

export interface CandidateValues { name: string; statement?: string }
export interface ItemValues {
  kind: 'matter' | 'election';
  matter: number;
  title: string;
  description?: string;
  seats?: number;
  candidates?: CandidateValues[];
  /** charging scope (列支范围) of a maintenance-fund matter (5, 6): building names, unit keys '1栋-101' */
  scope?: { buildings?: string[]; units?: string[] };
}

export const NEW_MATTER: ItemValues = { kind: 'matter', matter: 9, title: '', description: '' };
export const NEW_ELECTION: ItemValues = {
  kind: 'election', matter: 3, title: '选举第二届业主委员会委员', description: '', seats: 5, candidates: [{ name: '', statement: '' }],
};

/** The meeting's items: matters 1–9 (同意/反对/弃权) and committee elections with seats and candidates. */
export function ItemFields() {
  return (
    <Form.List name="items">
      {(fields, { add, remove }, { errors }) => (
        <div style={{ display: 'grid', gap: 12 }}>
          {fields.map((field, i) => (
            <ItemCard key={field.key} name={field.name} index={i} onRemove={() => remove(field.name)} />
          ))}
          <Form.ErrorList errors={errors} />
          <Space>
            <Button icon={<PlusOutlined />} onClick={() => add({ ...NEW_MATTER })} data-testid="add-matter">添加表决事项</Button>
            <Button icon={<PlusOutlined />} onClick={() => add({ ...NEW_ELECTION, candidates: [{ name: '', statement: '' }] })} data-testid="add-election">
              添加选举议题
            </Button>
          </Space>
        </div>
      )}
    </Form.List>
  );
}

function ItemCard({ name, index, onRemove }: { name: number; index: number; onRemove: () => void }) {
  const form = Form.useFormInstance();
  const kind = Form.useWatch(['items', name, 'kind']) as ItemValues['kind'] | undefined;
  const matter = Form.useWatch(['items', name, 'matter']) as number | undefined;
  return (
    <Card
      size="small"
      title={`议题 ${index + 1}`}
      data-testid={`item-${index}`}
      extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={`删除议题 ${index + 1}`}>删除</Button>}
    >
      <Form.Item name={[name, 'kind']} label="议题类型" style={{ marginBottom: 12 }}>
        <Radio.Group
          optionType="button"
          options={[{ value: 'matter', label: '表决事项（同意/反对/弃权）' }, { value: 'election', label: '选举业主委员会' }]}
          onChange={(e) => {
            // an election is matter 3 (民法典 第278条 第1款 第3项) and needs seats
            if (e.target.value === 'election') {
              form.setFieldValue(['items', name, 'matter'], 3);
              if (!form.getFieldValue(['items', name, 'seats'])) form.setFieldValue(['items', name, 'seats'], 5);
              if (!form.getFieldValue(['items', name, 'candidates'])?.length) form.setFieldValue(['items', name, 'candidates'], [{ name: '', statement: '' }]);
            }
          }}
        />
      </Form.Item>
      <Form.Item name={[name, 'matter']} label="事项类别（民法典第二百七十八条）" rules={[{ required: true, message: '请选择事项类别' }]}>
        <Select
          disabled={kind === 'election'}
          data-testid={`item-${index}-matter`}
          options={MATTERS.map((m) => ({ value: m.matter, label: `第${m.matter}项 ${m.name}${m.approval === 'three-quarters' ? '（四分之三）' : ''}` }))}
        />
      </Form.Item>
      {matter !== undefined && (
        <Alert type="info" style={{ marginBottom: 12 }} title={`表决规则：${thresholdText(matter)}`} />
      )}
      <Form.Item name={[name, 'title']} label="议题名称" rules={[{ required: true, whitespace: true, message: '请填写议题名称' }]}>
        <Input maxLength={200} data-testid={`item-${index}-title`} />
      </Form.Item>
      <Form.Item name={[name, 'description']} label="议题说明">
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
      {kind === 'matter' && (matter === 5 || matter === 6) && <ScopeFields name={name} />}
      {kind === 'election' && <ElectionFields name={name} index={index} />}
    </Card>
  );
}

/** 列支范围: a maintenance-fund matter may concern only some buildings or units (TALLY-SPEC §5). */
function ScopeFields({ name }: { name: number }) {
  const estateId = Form.useWatch('estateId', { preserve: true }) as number | undefined;
  const buildings = useApi<{ items: BuildingView[] }>(estateId ? `/estates/${estateId}/buildings` : null);
  return (
    <>
      <Form.Item
        name={[name, 'scope', 'buildings']}
        label="列支范围：楼栋（可选）"
        extra="只由这些楼栋（及下面的房屋）的业主表决并分摊；留空为全体业主"
      >
        <Select mode="multiple" allowClear loading={buildings.loading} options={(buildings.data?.items ?? []).map((b) => ({ value: b.name, label: b.name }))} placeholder="选择楼栋" />
      </Form.Item>
      <Form.Item name={[name, 'scope', 'units']} label="列支范围：房屋（可选）" extra="按“楼栋-房号”输入，回车确认，如 1号楼-1-101">
        <Select mode="tags" allowClear open={false} tokenSeparators={[',', '，', ' ']} placeholder="楼栋-房号" />
      </Form.Item>
    </>
  );
}

function ElectionFields({ name, index }: { name: number; index: number }) {
  return (
    <>
      <Form.Item
        name={[name, 'seats']}
        label="应选名额"
        extra="每位业主最多可同意与名额相同数量的候选人；得票达到第3项表决规则的候选人按人数、面积排序当选"
        rules={[{ required: true, message: '请填写应选名额' }]}
      >
        <InputNumber min={1} max={50} precision={0} style={{ width: 120 }} data-testid={`item-${index}-seats`} />
      </Form.Item>
      <Form.Item label="候选人" required style={{ marginBottom: 0 }}>
        <Form.List name={[name, 'candidates']}>
          {(fields, { add, remove }, { errors }) => (
            <div style={{ display: 'grid', gap: 8 }}>
              {fields.map((f, ci) => (
                <Space key={f.key} align="start" style={{ width: '100%' }} wrap>
                  <Typography.Text type="secondary" style={{ display: 'inline-block', width: 24, lineHeight: '32px' }}>{ci + 1}.</Typography.Text>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写候选人姓名' }]} style={{ marginBottom: 0 }}>
                    <Input placeholder="姓名" maxLength={50} style={{ width: 160 }} data-testid={`item-${index}-candidate-${ci}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'statement']} style={{ marginBottom: 0 }}>
                    <Input placeholder="简介（可选）" maxLength={500} style={{ width: 360 }} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`删除候选人 ${ci + 1}`} />
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', statement: '' })} style={{ width: 160, marginBottom: 16 }} data-testid={`item-${index}-add-candidate`}>
                添加候选人
              </Button>
            </div>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}
