import { Alert, App, Button, DatePicker, Form, Input, Radio, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, apiPost } from '../../../app/api.ts';
import { applyNestedErrors } from '../../meetings/components/form-errors.ts';
import { formatFen, parseYuan } from '../money.ts';
import { BuildingMultiSelect } from './building-multi-select.tsx';
import { FundUnitSelect } from './fund-unit-select.tsx';

// The three bookings a ledger keeper (fund.ledger) makes by hand: deposits / replenishments at a
// rate per m² for buildings, an interest allocation, and a refund from one unit. Amounts are typed
// in 元 and turned into integer fen from the text (parseYuan), never by multiplying a float.
// On an error nothing typed is cleared: the form keeps its values and the server's message lands
// on the field it names.

interface Posted { movementId: number; totalFen: number; lineCount: number }
interface Shortfall { unit: string; balanceFen: number; neededFen: number; shortfallFen: number }

const yuanRule = (what: string) => ({
  validator: (_: unknown, v?: string) => {
    if (!v || !v.trim()) return Promise.reject(new Error(`请填写${what}`));
    return (parseYuan(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error('请输入大于 0 的金额（元），最多两位小数'));
  },
});
const noFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** Posts, then reports success or puts the refusal on the fields; returns the alert text (or null). */
function useBooking(form: FormInstance, aliases: Record<string, string>, onBooked: (text: string) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const run = async (path: string, body: Record<string, unknown>, done: (p: Posted) => string, amountField?: string) => {
    setBusy(true);
    setError(null);
    try {
      const p = await apiPost<Posted>(path, body);
      const text = done(p);
      message.success(text);
      form.resetFields();
      onBooked(text);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'FUND_INSUFFICIENT_BALANCE') {
        // say plainly whose balance is short and by how much, next to the amount
        const units = ((e.details as { units?: Shortfall[] } | undefined)?.units ?? []);
        const u = units[0];
        const plain = u
          ? `${u.unit} 的维修资金余额只有 ${formatFen(u.balanceFen)}，不够退还 ${formatFen(u.neededFen)}，还差 ${formatFen(u.shortfallFen)}。退还金额不能超过该户余额。`
          : e.message;
        if (amountField && u) form.setFields([{ name: amountField, errors: [`超过该户余额 ${formatFen(u.balanceFen)}，差 ${formatFen(u.shortfallFen)}`] }]);
        setError(plain);
      } else {
        setError(applyNestedErrors(form, e, aliases));
      }
    } finally {
      setBusy(false);
    }
  };
  const alert = error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="booking-error" />;
  return { busy, alert, run };
}

const dateItem = (
  <Form.Item name="bookedOn" label="记账日期" rules={[{ required: true, message: '请选择记账日期' }]}>
    <DatePicker disabledDate={noFuture} style={{ width: 200 }} allowClear={false} data-testid="booking-date" />
  </Form.Item>
);

interface DepositValues { kind: 'deposit' | 'replenishment'; buildingIds: number[]; rateYuan: string; bookedOn: Dayjs; memo?: string }

/** 交存/续筹: every unit of the chosen buildings, area × rate per m², rounded to the fen per unit. */
export function DepositForm({ estateId, onBooked }: { estateId: number; onBooked: (text: string) => void }) {
  const [form] = Form.useForm<DepositValues>();
  const b = useBooking(form, { rateFenPerSqm: 'rateYuan' }, onBooked);
  const submit = async () => {
    const v = await form.validateFields();
    await b.run(`/estates/${estateId}/fund/deposits`, {
      kind: v.kind, buildingIds: v.buildingIds, rateFenPerSqm: parseYuan(v.rateYuan),
      bookedOn: v.bookedOn.format('YYYY-MM-DD'), memo: v.memo?.trim() ?? '',
    }, (p) => `已记账：${v.kind === 'deposit' ? '首期交存' : '续筹'} ${formatFen(p.totalFen)}，共 ${p.lineCount} 户`);
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ kind: 'replenishment', bookedOn: dayjs(), buildingIds: [] }} data-testid="booking-deposit-form">
      {b.alert}
      <Form.Item name="kind" label="类型">
        <Radio.Group options={[{ value: 'deposit', label: '首期交存' }, { value: 'replenishment', label: '续筹' }]} data-testid="booking-kind" />
      </Form.Item>
      <Form.Item name="buildingIds" label="楼栋" rules={[{ required: true, type: 'array', min: 1, message: '请选择至少一个楼栋' }]}>
        <BuildingMultiSelect estateId={estateId} />
      </Form.Item>
      <Form.Item name="rateYuan" required label="每平方米交存额（元/m²）" extra="每户金额 = 建筑面积 × 每平方米交存额，逐户四舍五入到分" rules={[yuanRule('每平方米交存额')]}>
        <Input prefix="¥" suffix="元/m²" inputMode="decimal" style={{ width: 240 }} data-testid="booking-rate" />
      </Form.Item>
      {dateItem}
      <Form.Item name="memo" label="摘要（可选）">
        <Input maxLength={500} data-testid="booking-memo" />
      </Form.Item>
      <Button type="primary" loading={b.busy} onClick={() => void submit()} data-testid="booking-submit-deposit">记账</Button>
    </Form>
  );
}

interface InterestValues { totalYuan: string; bookedOn: Dayjs; memo?: string }

/** 利息分配: the bank's interest, shared over the unit accounts by their balances. */
export function InterestForm({ estateId, onBooked }: { estateId: number; onBooked: (text: string) => void }) {
  const [form] = Form.useForm<InterestValues>();
  const b = useBooking(form, { totalFen: 'totalYuan' }, onBooked);
  const submit = async () => {
    const v = await form.validateFields();
    await b.run(`/estates/${estateId}/fund/interest`, {
      totalFen: parseYuan(v.totalYuan), bookedOn: v.bookedOn.format('YYYY-MM-DD'), memo: v.memo?.trim() ?? '',
    }, (p) => `已记账：利息 ${formatFen(p.totalFen)} 已按余额分配到 ${p.lineCount} 户`);
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ bookedOn: dayjs() }} data-testid="booking-interest-form">
      {b.alert}
      <Form.Item name="totalYuan" required label="利息总额（元）" extra="按各户账户余额比例分配到分户账" rules={[yuanRule('利息总额')]}>
        <Input prefix="¥" suffix="元" inputMode="decimal" style={{ width: 240 }} data-testid="booking-interest-total" />
      </Form.Item>
      {dateItem}
      <Form.Item name="memo" label="摘要（可选）">
        <Input maxLength={500} placeholder="如：2026年上半年存款利息" data-testid="booking-memo" />
      </Form.Item>
      <Button type="primary" loading={b.busy} onClick={() => void submit()} data-testid="booking-submit-interest">记账</Button>
    </Form>
  );
}

interface RefundValues { unitId: number; amountYuan: string; payee: string; reason: string; bookedOn: Dayjs }

/** 退还业主: money paid back from one unit's account (e.g. the house was demolished). */
export function RefundForm({ estateId, onBooked }: { estateId: number; onBooked: (text: string) => void }) {
  const [form] = Form.useForm<RefundValues>();
  const b = useBooking(form, { amountFen: 'amountYuan' }, onBooked);
  const submit = async () => {
    const v = await form.validateFields();
    await b.run(`/fund/units/${v.unitId}/refunds`, {
      amountFen: parseYuan(v.amountYuan), payee: v.payee.trim(), reason: v.reason.trim(), bookedOn: v.bookedOn.format('YYYY-MM-DD'),
    }, (p) => `已记账：退还 ${formatFen(p.totalFen)} 给 ${v.payee.trim()}`, 'amountYuan');
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ bookedOn: dayjs() }} data-testid="booking-refund-form">
      {b.alert}
      <Form.Item name="unitId" label="房屋" rules={[{ required: true, message: '请选择房屋' }]}>
        <FundUnitSelect estateId={estateId} />
      </Form.Item>
      <Form.Item name="amountYuan" required label="退还金额（元）" rules={[yuanRule('退还金额')]}>
        <Input prefix="¥" suffix="元" inputMode="decimal" style={{ width: 240 }} data-testid="booking-refund-amount" />
      </Form.Item>
      <Form.Item name="payee" label="收款人" rules={[{ required: true, whitespace: true, message: '请填写收款人' }]}>
        <Input maxLength={100} data-testid="booking-refund-payee" />
      </Form.Item>
      <Form.Item name="reason" label="退还原因" rules={[{ required: true, whitespace: true, message: '请填写退还原因' }]}>
        <Input.TextArea rows={2} maxLength={500} showCount placeholder="如：房屋灭失，按办法第二十八条退还" data-testid="booking-refund-reason" />
      </Form.Item>
      {dateItem}
      <Button type="primary" danger loading={b.busy} onClick={() => void submit()} data-testid="booking-submit-refund">退还记账</Button>
    </Form>
  );
}
