import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, Radio, Select, Upload, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, apiPost } from '../../../app/api.ts';
import { applyNestedErrors } from '../../meetings/components/form-errors.ts';
import { uploadAttachment } from '../../meetings/components/upload.ts';
import { formatFen, parseYuan } from '../../funds/money.ts';
import { REVENUE_CATEGORIES, type Direction } from '../labels.ts';
import type { RevenueEntry } from '../types.ts';

interface Values {
  direction: Direction;
  category?: string;
  counterparty: string;
  period: [Dayjs, Dayjs];
  bookedOn: Dayjs;
  amountYuan: string;
  memo?: string;
}

const noFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/**
 * 登记收支: one income or expense of the common revenue. The amount is typed in 元 and turned into
 * integer fen from the text (parseYuan). Evidence files are chosen here and uploaded to the new
 * entry once the server has booked it (an attachment needs the record's id).
 */
export function EntryDrawer(props: { estateId: number; estateName: string; open: boolean; onClose: () => void; onBooked: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const direction = Form.useWatch('direction', form) ?? 'income';
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const entry = await apiPost<RevenueEntry>(`/estates/${props.estateId}/revenue/entries`, {
        direction: v.direction,
        category: v.category,
        counterparty: v.counterparty.trim(),
        periodStart: v.period[0].format('YYYY-MM-DD'),
        periodEnd: v.period[1].format('YYYY-MM-DD'),
        bookedOn: v.bookedOn.format('YYYY-MM-DD'),
        amountFen: parseYuan(v.amountYuan),
        memo: v.memo?.trim() ?? '',
      });
      // the entry stands; a failed upload is said, not hidden, and can be retried from the ledger
      let failed = 0;
      for (const f of files) {
        if (!f.originFileObj) continue;
        await uploadAttachment(f.originFileObj, { recordType: 'revenue_entry', recordId: String(entry.id), estateId: props.estateId })
          .catch(() => { failed += 1; });
      }
      const what = v.direction === 'income' ? '收入' : '支出';
      message.success(`已登记${what} ${formatFen(entry.amountFen ?? parseYuan(v.amountYuan))}${files.length ? `，凭证 ${files.length - failed} 份` : ''}`);
      if (failed) message.error(`${failed} 份凭证上传失败，请重新上传`);
      form.resetFields();
      setFiles([]);
      props.onBooked();
    } catch (e) {
      setError(applyNestedErrors(form, e, { amountFen: 'amountYuan', periodStart: 'period', periodEnd: 'period' }));
      if (e instanceof ApiError && e.code === 'REVENUE_PERIOD_CLOSED' && !e.issues.length) {
        form.setFields([{ name: 'bookedOn', errors: [e.message] }]);
      }
    } finally {
      setBusy(false);
    }
  };

  const monthStart = dayjs().startOf('month');
  return (
    <Drawer open={props.open} onClose={props.onClose} title={`登记收支 · ${props.estateName}`} size={560} forceRender>
      <div data-testid="entry-drawer">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="entry-error" />}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ direction: 'income', bookedOn: dayjs(), period: [monthStart, monthStart.endOf('month')] }}
          onValuesChange={(changed) => { if ('direction' in changed) form.setFieldValue('category', undefined); }}
        >
          <Form.Item name="direction" label="收支">
            <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'income', label: '收入' }, { value: 'expense', label: '支出' }]} data-testid="entry-direction" />
          </Form.Item>
          <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select
              style={{ width: 260 }}
              placeholder="选择类别"
              options={REVENUE_CATEGORIES[direction].map((c) => ({ value: c.code, label: c.label }))}
              data-testid="entry-category"
            />
          </Form.Item>
          <Form.Item name="counterparty" label={direction === 'income' ? '付款方' : '收款方'} rules={[{ required: true, whitespace: true, message: '请填写对方单位或个人' }]}>
            <Input maxLength={200} placeholder={direction === 'income' ? '如：某某广告公司' : '如：某某电梯维保公司'} data-testid="entry-counterparty" />
          </Form.Item>
          {/* the pickers do not pass a test id to their inputs: the wrapper carries it */}
          <div data-testid="entry-period">
            <Form.Item name="period" label="所属期间" rules={[{ required: true, message: '请选择收支所属期间' }]}>
              <DatePicker.RangePicker allowClear={false} placeholder={['起', '止']} />
            </Form.Item>
          </div>
          <div data-testid="entry-booked-on">
            <Form.Item name="bookedOn" label="记账日期" extra="已公示期间内的日期不能再记账（账目已封存）" rules={[{ required: true, message: '请选择记账日期' }]}>
              <DatePicker disabledDate={noFuture} allowClear={false} style={{ width: 200 }} />
            </Form.Item>
          </div>
          <Form.Item
            name="amountYuan"
            required
            label="金额（元）"
            rules={[{
              validator: (_, v?: string) => {
                if (!v || !v.trim()) return Promise.reject(new Error('请填写金额'));
                return (parseYuan(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error('请输入大于 0 的金额（元），最多两位小数'));
              },
            }]}
          >
            <Input prefix="¥" suffix="元" inputMode="decimal" style={{ width: 240 }} data-testid="entry-amount" />
          </Form.Item>
          <Form.Item name="memo" label="摘要（可选）">
            <Input.TextArea rows={2} maxLength={500} showCount data-testid="entry-memo" />
          </Form.Item>
          <Form.Item label="凭证（合同、发票、收据等，可选）">
            <Upload
              multiple
              accept=".png,.jpg,.jpeg,.pdf,image/png,image/jpeg,application/pdf"
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFiles(fileList)}
            >
              <Button icon={<UploadOutlined />} data-testid="entry-evidence">选择文件</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="entry-submit">登记</Button>
        </Form>
      </div>
    </Drawer>
  );
}
