import { Alert, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { EstateSelect } from '../../registry/index.ts';
import { applyNestedErrors } from '../../meetings/components/form-errors.ts';
import { EMERGENCY_LISTS, EXCLUSIONS, WORK_CATEGORIES, emergencyOptions } from '../labels.ts';
import { useApi } from '../../../app/use-api.ts';
import type { EstateFund } from '../types.ts';
import { fenToYuanText, parseYuan } from '../money.ts';
import type { FundApplicationDetail } from '../types.ts';
import { ApportionPreview } from './apportion-preview.tsx';
import { BuildingMultiSelect } from './building-multi-select.tsx';
import { UnitMultiSelect } from './unit-multi-select.tsx';

export interface ApplicationFormValues {
  estateId?: number;
  title: string;
  reason: string;
  category?: string;
  path: 'ordinary' | 'emergency';
  emergencyCategory?: string;
  scopeKind: 'units' | 'buildings' | 'facility';
  buildingIds: number[];
  unitIds: number[];
  facilityName?: string;
  budgetYuan: string;
  exclusions: string[];
  contractorName?: string;
  contractorAccount?: string;
  stagePlan: string;
}

/** Stage plans offered (basis points, summing to 10000; the last stage is paid at settlement). */
export const STAGE_PLANS: { value: string; label: string }[] = [
  { value: '7000,3000', label: '两期：开工 70%，验收结算 30%' },
  { value: '5000,5000', label: '两期：开工 50%，验收结算 50%' },
  { value: '3000,4000,3000', label: '三期：30% / 40% / 结算 30%' },
  { value: '10000', label: '一次性：验收结算后 100%' },
];

export function blankApplication(estateId?: number): ApplicationFormValues {
  return {
    estateId, title: '', reason: '', category: undefined, path: 'ordinary', scopeKind: 'units', buildingIds: [], unitIds: [],
    budgetYuan: '', exclusions: [], stagePlan: '7000,3000',
  };
}

export function valuesOf(a: FundApplicationDetail): ApplicationFormValues {
  return {
    estateId: a.estateId, title: a.title, reason: a.reason, category: a.category, path: a.path,
    emergencyCategory: a.emergencyCategory ?? undefined, scopeKind: a.scopeKind, buildingIds: a.buildingIds ?? [],
    unitIds: a.unitIds ?? [], facilityName: a.facilityName ?? undefined, budgetYuan: fenToYuanText(a.budgetFen),
    exclusions: Object.entries(a.exclusions ?? {}).filter(([, v]) => v).map(([k]) => k),
    contractorName: a.contractorName ?? '', contractorAccount: a.contractorAccount ?? '',
    stagePlan: (a.stagePlan ?? [7000, 3000]).join(','),
  };
}

/** The request body of POST /estates/:id/fund/applications and PATCH /fund/applications/:id. */
export function bodyOf(v: ApplicationFormValues, applicantKind: 'committee' | 'company') {
  const declared = new Set(v.exclusions ?? []);
  return {
    applicantKind,
    title: v.title?.trim(),
    reason: v.reason?.trim(),
    category: v.category,
    path: v.path,
    ...(v.path === 'emergency' ? { emergencyCategory: v.emergencyCategory } : {}),
    scopeKind: v.scopeKind,
    buildingIds: v.scopeKind === 'buildings' ? v.buildingIds ?? [] : [],
    unitIds: v.scopeKind === 'buildings' ? [] : v.unitIds ?? [],
    ...(v.scopeKind === 'facility' ? { facilityName: v.facilityName?.trim() } : {}),
    budgetFen: parseYuan(v.budgetYuan) ?? 0,
    exclusions: Object.fromEntries(EXCLUSIONS.map((e) => [e.key, declared.has(e.key)])),
    contractorName: v.contractorName?.trim() ?? '',
    contractorAccount: v.contractorAccount?.trim() ?? '',
    stagePlan: v.stagePlan.split(',').map(Number),
  };
}

/** Create or edit (draft only) a use application; the live apportionment preview sits beside it. */
export function ApplicationForm(props: {
  initial: ApplicationFormValues;
  creating: boolean;
  applicantKind: 'committee' | 'company';
  onSave: (estateId: number, body: ReturnType<typeof bodyOf>) => Promise<void>;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<ApplicationFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const estateId = Form.useWatch('estateId', form) as number | undefined;
  const path = Form.useWatch('path', form);
  const scopeKind = Form.useWatch('scopeKind', form);
  const buildingIds = Form.useWatch('buildingIds', form) as number[] | undefined;
  const unitIds = Form.useWatch('unitIds', form) as number[] | undefined;
  const budgetYuan = Form.useWatch('budgetYuan', form) as string | undefined;
  // the emergency list of the estate's city (the server checks against the same one at submission)
  const fund = useApi<EstateFund>(estateId && path === 'emergency' ? `/estates/${estateId}/fund` : null);
  const listKey = fund.data?.cityRules.emergencyList;

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
      const v = form.getFieldsValue(true) as ApplicationFormValues;
      await props.onSave(v.estateId!, bodyOf(v, props.applicantKind));
    } catch (e) {
      setError(applyNestedErrors(form, e, { budgetFen: 'budgetYuan', stagePlan: 'stagePlan', emergencyCategory: 'emergencyCategory' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={props.initial} requiredMark scrollToFirstError>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Card title="维修项目" style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          {props.creating && (
            <Col xs={24} lg={12}>
              <Form.Item name="estateId" label="小区" rules={[{ required: true, message: '请选择小区' }]}>
                <EstateSelect style={{ width: '100%' }} allowClear={false} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} lg={12}>
            <Form.Item name="title" label="项目名称" rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}>
              <Input maxLength={200} placeholder="例如：3号楼2号电梯更换曳引机" data-testid="fund-title" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="category" label="维修类别" rules={[{ required: true, message: '请选择维修类别' }]}>
              <Select options={WORK_CATEGORIES.map((c) => ({ value: c.code, label: c.label }))} placeholder="选择类别" data-testid="fund-category" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="path" label="使用程序" rules={[{ required: true }]}>
              <Radio.Group
                data-testid="fund-path"
                options={[
                  { value: 'ordinary', label: '一般程序（业主表决）' },
                  { value: 'emergency', label: '应急使用（无需表决）' },
                ]}
              />
            </Form.Item>
          </Col>
          {path === 'emergency' && (
            <Col xs={24}>
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={`应急使用只适用于本市应急维修目录所列情形${listKey ? `（适用：${EMERGENCY_LISTS[listKey]?.label ?? listKey}）` : ''}`}
                description="须上传现场照片、检测报告或整改通知等证明材料，经业委会和街道（社区）确认后报区住建部门审核，事后向业主公示。清单未列明的情形须走一般程序。"
              />
              <Form.Item name="emergencyCategory" label="应急情形" rules={[{ required: true, message: '请选择应急情形' }]}>
                <Select options={emergencyOptions(listKey).map((c) => ({ value: c.code, label: c.label }))} placeholder="选择目录中的情形" loading={fund.loading} data-testid="fund-emergency-category" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24}>
            <Form.Item name="reason" label="维修原因" rules={[{ required: true, whitespace: true, message: '请填写维修原因' }]}>
              <Input.TextArea rows={3} maxLength={5000} placeholder="说明损坏情况、影响范围和维修方案" data-testid="fund-reason" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title="列支范围与预算" style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            <Form.Item name="scopeKind" label="列支范围" rules={[{ required: true }]}>
              <Radio.Group
                data-testid="fund-scope-kind"
                options={[
                  { value: 'units', label: '指定房屋' },
                  { value: 'buildings', label: '整栋楼' },
                  { value: 'facility', label: '共用设施涉及的房屋' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item
              name="budgetYuan"
              label="预算金额（元）"
              rules={[
                { required: true, message: '请填写预算金额' },
                { validator: (_, v) => (!v || (parseYuan(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error('请输入大于 0 的金额，最多两位小数'))) },
              ]}
            >
              <Input prefix="¥" suffix="元" style={{ width: 260 }} inputMode="decimal" data-testid="fund-budget" />
            </Form.Item>
          </Col>
          {scopeKind === 'facility' && (
            <Col xs={24} lg={12}>
              <Form.Item name="facilityName" label="共用设施名称" rules={[{ required: true, whitespace: true, message: '请填写设施名称' }]}>
                <Input maxLength={200} placeholder="例如：2单元二次供水泵房" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24}>
            {scopeKind === 'buildings' ? (
              <Form.Item name="buildingIds" label="楼栋" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一栋楼' }]}>
                <BuildingMultiSelect estateId={estateId} />
              </Form.Item>
            ) : (
              <Form.Item
                name="unitIds"
                label={scopeKind === 'facility' ? '该设施涉及的房屋' : '房屋'}
                rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一户' }]}
              >
                <UnitMultiSelect estateId={estateId} />
              </Form.Item>
            )}
          </Col>
          <Col xs={24}>
            <div style={{ fontWeight: 500, marginBottom: 8 }}>分摊预览（按建筑面积，精确到分；未售房屋由建设单位承担）</div>
            <ApportionPreview input={{ estateId, scopeKind, buildingIds, unitIds, budgetFen: parseYuan(budgetYuan) }} />
          </Col>
        </Row>
      </Card>

      <Card title="施工单位与拨付" style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            <Form.Item name="contractorName" label="施工单位">
              <Input maxLength={200} data-testid="fund-contractor" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="contractorAccount" label="收款账户">
              <Input maxLength={100} placeholder="开户行及账号" data-testid="fund-contractor-account" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="stagePlan" label="分期拨付" rules={[{ required: true }]}>
              <Select options={STAGE_PLANS} data-testid="fund-stage-plan" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title="不属于以下情形的声明" style={{ marginBottom: 16 }}>
        <p style={{ color: '#667085', marginTop: 0 }}>
          下列费用不得从专项维修资金中列支（住宅专项维修资金管理办法第二十五条）。提交前须逐项声明不属于；审核部门可据此不予通过并说明理由。
        </p>
        <Form.Item name="exclusions" style={{ marginBottom: 0 }}>
          <Checkbox.Group style={{ display: 'grid', gap: 8 }} data-testid="fund-exclusions">
            {EXCLUSIONS.map((e) => (
              <Checkbox key={e.key} value={e.key} data-testid={`exclusion-${e.key}`}>{e.label}</Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
      </Card>

      <Space>
        <Button type="primary" loading={busy} onClick={() => void save()} data-testid="fund-save">
          {props.creating ? '保存草稿' : '保存修改'}
        </Button>
        <Button onClick={props.onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
