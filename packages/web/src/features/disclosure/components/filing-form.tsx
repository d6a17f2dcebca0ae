import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, api, apiPost } from '../../../app/api.ts';
import { useApi } from '../../../app/use-api.ts';
import { applyNestedErrors } from '../../meetings/components/form-errors.ts';
import { fenToYuanText, formatFen, parseYuan } from '../../funds/money.ts';
import type { FundStatementSummary } from '../../funds/types.ts';
import type { FilingDetail, RevenueStatementSummary } from '../types.ts';

// The package as a form. Money is typed in 元 and sent as fen (parseYuan: from the text, never a
// float); dates are pickers sent as YYYY-MM-DD. A draft may be incomplete: saving keeps what is
// there, filing is refused by the server naming each missing part, and those land on their fields.

interface FeeRow { item: string; basis?: string; priceYuan: string; unit: string }
interface ContractorRow { name: string; service: string; amountYuan: string; dates?: [Dayjs | null, Dayjs | null] | null }
interface Values {
  content: {
    feeStandards: FeeRow[];
    serviceContract: { companyName?: string; dates?: [Dayjs | null, Dayjs | null] | null; summary?: string };
    contractors: ContractorRow[];
    notes?: string;
  };
  revenueStatementId?: number | null;
  fundStatementId?: number | null;
}

const day = (s?: string | null) => (s ? dayjs(s) : null);
const ymd = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : '');
const yuanRule = { validator: (_: unknown, v?: string) => (!v || parseYuan(v) !== null ? Promise.resolve() : Promise.reject(new Error('金额（元），最多两位小数'))) };

function toValues(f: FilingDetail): Values {
  const c = f.content;
  return {
    content: {
      feeStandards: c.feeStandards.map((x) => ({ item: x.item, basis: x.basis, priceYuan: fenToYuanText(x.priceFen), unit: x.unit })),
      serviceContract: c.serviceContract
        ? { companyName: c.serviceContract.companyName, dates: [day(c.serviceContract.startsOn), day(c.serviceContract.endsOn)], summary: c.serviceContract.summary }
        : { companyName: f.party === 'company' ? f.partyName : '', dates: null, summary: '' },
      contractors: c.contractors.map((x) => ({ name: x.name, service: x.service, amountYuan: fenToYuanText(x.amountFen), dates: [day(x.startsOn), day(x.endsOn)] })),
      notes: c.notes,
    },
    revenueStatementId: f.revenueStatementId,
    fundStatementId: f.fundStatementId,
  };
}

function toBody(v: Values) {
  const sc = v.content.serviceContract;
  const blank = !sc.companyName?.trim() && !sc.dates?.[0] && !sc.dates?.[1] && !sc.summary?.trim();
  return {
    content: {
      feeStandards: (v.content.feeStandards ?? []).map((x) => ({ item: x.item?.trim() ?? '', basis: x.basis?.trim() ?? '', priceFen: parseYuan(x.priceYuan) ?? 0, unit: x.unit?.trim() ?? '' })),
      serviceContract: blank ? null : { companyName: sc.companyName?.trim() ?? '', startsOn: ymd(sc.dates?.[0]), endsOn: ymd(sc.dates?.[1]), summary: sc.summary?.trim() ?? '' },
      contractors: (v.content.contractors ?? []).map((x) => ({ name: x.name?.trim() ?? '', service: x.service?.trim() ?? '', amountFen: parseYuan(x.amountYuan) ?? 0, startsOn: ymd(x.dates?.[0]) || null, endsOn: ymd(x.dates?.[1]) || null })),
      notes: v.content.notes?.trim() ?? '',
    },
    revenueStatementId: v.revenueStatementId ?? null,
    fundStatementId: v.fundStatementId ?? null,
  };
}

/** The server names fen fields and whole parts; the form has 元 texts and date ranges. */
function onForm(err: unknown): unknown {
  if (!(err instanceof ApiError) || !err.issues.length) return err;
  const issues = err.issues.map((i) => ({
    ...i,
    field: i.field
      .replace(/\.priceFen$/, '.priceYuan').replace(/\.amountFen$/, '.amountYuan')
      .replace(/\.(startsOn|endsOn)$/, '.dates')
      .replace(/serviceContract$/, 'serviceContract.companyName'),
  }));
  return new ApiError(err.status, err.code, err.message, { ...(err.details as object), issues });
}

export function FilingForm({ filing, canFile, onSaved, onFiled }: { filing: FilingDetail; canFile: boolean; onSaved: () => void; onFiled: () => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'save' | 'file' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const revenue = useApi<{ items: RevenueStatementSummary[] }>(`/estates/${filing.estateId}/revenue/statements`);
  const fund = useApi<{ items: FundStatementSummary[] }>(`/estates/${filing.estateId}/fund/statements`);

  const save = async (): Promise<boolean> => {
    setError(null);
    try {
      await api('PATCH', `/filings/${filing.id}`, { body: toBody(form.getFieldsValue(true) as Values) });
      return true;
    } catch (e) {
      setError(applyNestedErrors(form, onForm(e)));
      return false;
    }
  };
  const doSave = async () => {
    setBusy('save');
    if (await save()) { message.success('已保存'); onSaved(); }
    setBusy(null);
  };
  const doFile = () => {
    modal.confirm({
      title: '报送备案',
      content: `报送后将向全体业主公示 30 日，并报${filing.filedWithName ?? '街道办事处或区房管部门'}备案；报送后本版本不能再修改，如需更正须编制新版本。`,
      okText: '确认报送',
      cancelText: '取消',
      okButtonProps: { 'data-testid': 'file-confirm' } as never,
      onOk: async () => {
        setBusy('file');
        try {
          if (!(await save())) return;
          await apiPost(`/filings/${filing.id}/file`, {});
          message.success('已报送备案，并已向业主公示');
          onFiled();
        } catch (e) {
          const rest = applyNestedErrors(form, onForm(e));
          setError(rest);
          // the refusal named fields: say so and bring the first one into view
          if (rest === null) {
            message.error(e instanceof ApiError ? e.message : '请按提示补全后再报送');
            const first = form.getFieldsError().find((x) => x.errors.length);
            if (first) form.scrollToField(first.name, { block: 'center' });
          }
        } finally {
          setBusy(null);
        }
      },
    });
  };

  return (
    <Form form={form} layout="vertical" initialValues={toValues(filing)} data-testid="filing-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="filing-error" />}
      <Card size="small" title="收费标准" style={{ marginBottom: 16 }}>
        <Form.List name={['content', 'feeStandards']}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.length > 0 && (
                <Row gutter={8} style={{ color: '#667085', fontSize: 12, marginBottom: 4 }}>
                  <Col span={6}>收费项目</Col><Col span={7}>计费依据</Col><Col span={5}>单价（元）</Col><Col span={4}>计价单位</Col>
                </Row>
              )}
              {fields.map((f) => (
                <Row key={f.key} gutter={8} align="top" data-testid={`fee-row-${f.name}`}>
                  <Col span={6}><Form.Item name={[f.name, 'item']} rules={[{ required: true, whitespace: true, message: '请填写收费项目' }]}><Input placeholder="收费项目，如 物业服务费（高层）" data-testid="fee-item" /></Form.Item></Col>
                  <Col span={7}><Form.Item name={[f.name, 'basis']}><Input placeholder="计费依据，如 按建筑面积，政府指导价" data-testid="fee-basis" /></Form.Item></Col>
                  <Col span={5}><Form.Item name={[f.name, 'priceYuan']} rules={[{ required: true, message: '请填写单价' }, yuanRule]}><Input prefix="¥" inputMode="decimal" placeholder="单价（元）" data-testid="fee-price" /></Form.Item></Col>
                  <Col span={4}><Form.Item name={[f.name, 'unit']} rules={[{ required: true, whitespace: true, message: '请填写计价单位' }]}><Input placeholder="元/㎡·月" data-testid="fee-unit" /></Form.Item></Col>
                  <Col span={2}><Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除" /></Col>
                </Row>
              ))}
              <Form.ErrorList errors={errors} />
              <Button icon={<PlusOutlined />} onClick={() => add({ item: '', basis: '', priceYuan: '', unit: '元/㎡·月' })} data-testid="add-fee">添加收费项目</Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card size="small" title="物业服务合同" style={{ marginBottom: 16 }}>
        <Row gutter={12}>
          <Col span={10}><Form.Item name={['content', 'serviceContract', 'companyName']} label="服务企业"><Input maxLength={200} data-testid="contract-company" /></Form.Item></Col>
          <Col span={10} data-testid="contract-dates"><Form.Item name={['content', 'serviceContract', 'dates']} label="合同期限"><DatePicker.RangePicker placeholder={['起始日期', '终止日期']} /></Form.Item></Col>
        </Row>
        <Form.Item name={['content', 'serviceContract', 'summary']} label="主要内容（服务事项、服务标准、收费方式）">
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="contract-summary" />
        </Form.Item>
      </Card>
      <Card size="small" title="专项服务外包单位" style={{ marginBottom: 16 }}>
        <Form.List name={['content', 'contractors']}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.length > 0 && (
                <Row gutter={8} style={{ color: '#667085', fontSize: 12, marginBottom: 4 }}>
                  <Col span={6}>单位名称</Col><Col span={5}>服务内容</Col><Col span={4}>合同金额（元）</Col><Col span={7}>合同期限（可选）</Col>
                </Row>
              )}
              {fields.map((f) => (
                <Row key={f.key} gutter={8} align="top" data-testid={`contractor-row-${f.name}`}>
                  <Col span={6}><Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}><Input placeholder="单位名称" data-testid="contractor-name" /></Form.Item></Col>
                  <Col span={5}><Form.Item name={[f.name, 'service']} rules={[{ required: true, whitespace: true, message: '请填写服务内容' }]}><Input placeholder="服务内容，如 电梯维保" data-testid="contractor-service" /></Form.Item></Col>
                  <Col span={4}><Form.Item name={[f.name, 'amountYuan']} rules={[{ required: true, message: '请填写金额' }, yuanRule]}><Input prefix="¥" inputMode="decimal" placeholder="合同金额（元）" data-testid="contractor-amount" /></Form.Item></Col>
                  <Col span={7}><Form.Item name={[f.name, 'dates']}><DatePicker.RangePicker placeholder={['起', '止']} /></Form.Item></Col>
                  <Col span={2}><Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除" /></Col>
                </Row>
              ))}
              <Form.ErrorList errors={errors} />
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', service: '', amountYuan: '' })} data-testid="add-contractor">添加外包单位</Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card size="small" title="收支情况" style={{ marginBottom: 16 }}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="revenueStatementId" label="公共收益公示">
              <Select
                allowClear
                placeholder="选择本期公共收益公示"
                loading={revenue.loading}
                options={(revenue.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.periodLabel}（期末 ${formatFen(s.closingFen)}）` }))}
                data-testid="link-revenue"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="fundStatementId" label="维修资金对账单">
              <Select
                allowClear
                placeholder="选择维修资金对账单"
                loading={fund.loading}
                options={(fund.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.periodStart} ~ ${s.periodEnd}（期末 ${formatFen(s.closingFen)}）` }))}
                data-testid="link-fund"
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Form.Item name={['content', 'notes']} label={filing.party === 'committee' ? '说明（业委会管理的事项，必填）' : '说明'}>
        <Input.TextArea rows={4} maxLength={5000} showCount data-testid="filing-notes" />
      </Form.Item>
      <Space>
        <Button loading={busy === 'save'} onClick={() => void doSave()} data-testid="save-filing">保存草稿</Button>
        {canFile && <Button type="primary" loading={busy === 'file'} onClick={doFile} data-testid="file-filing">报送备案</Button>}
      </Space>
    </Form>
  );
}
