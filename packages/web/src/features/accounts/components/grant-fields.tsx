import { ROLE_SCOPE, ROLES, type CompanyView, type DepartmentList, type Role, type ScopeKind } from '@gongzhi/contracts';
import { Form, Select } from 'antd';
import { useLang } from '../../../app/i18n.tsx';
import { roleLabel } from '../../../app/labels.ts';
import { useApi } from '../../../app/use-api.ts';
import { EstateSelect, RegionTreeSelect } from '../../registry/index.ts';

// One role and its scope. The kind of scope follows from the role (ROLE_SCOPE): estate roles pick
// an estate, company roles a property company, region roles a region of the caller's tree, a
// department officer a department (职能部门) of the caller's region.

/** Roles an administrator grants here: owners bind themselves. */
export const GRANTABLE_ROLES = ROLES.filter((r) => r !== 'owner');

function CompanySelect(props: { value?: number; onChange?: (v: number | undefined) => void }) {
  const { data, loading } = useApi<{ items: CompanyView[] }>('/companies', { page: 1, pageSize: 200 });
  return (
    <Select<number>
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      loading={loading}
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      placeholder="选择物业企业"
      style={{ width: '100%' }}
      options={(data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}

/** The departments the administrator sees (GET /departments: their region's and those above it;
 *  only those inside their region are grantable, the others are shown disabled). */
function DepartmentSelect(props: { value?: number; onChange?: (v: number | undefined) => void }) {
  const { data, loading } = useApi<DepartmentList>('/departments');
  return (
    <Select<number>
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      loading={loading}
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      placeholder="选择职能部门"
      data-testid="department-select"
      style={{ width: '100%' }}
      options={(data?.items ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.regionName}）`, disabled: !d.editable }))}
    />
  );
}

const SCOPE_LABEL: Record<ScopeKind, string> = { estate: '小区', company: '物业企业', region: '行政区域', department: '职能部门', owner: '房屋' };

function ScopeSelect({ kind, ...props }: { kind: ScopeKind; value?: number; onChange?: (v: number | undefined) => void }) {
  if (kind === 'estate') return <EstateSelect style={{ width: '100%' }} {...props} />;
  if (kind === 'company') return <CompanySelect {...props} />;
  if (kind === 'department') return <DepartmentSelect {...props} />;
  return <RegionTreeSelect onChange={() => {}} {...props} />;
}

export function GrantFields() {
  const { lang } = useLang();
  const form = Form.useFormInstance();
  const role = Form.useWatch<Role | undefined>('role', form);
  const kind = role ? ROLE_SCOPE[role] : undefined;
  return (
    <>
      <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
        <Select
          placeholder="选择角色"
          data-testid="role-select"
          options={GRANTABLE_ROLES.map((r) => ({ value: r, label: roleLabel(r, lang) }))}
          onChange={() => form.setFieldValue('scopeId', undefined)}
        />
      </Form.Item>
      {kind && (
        <Form.Item name="scopeId" label={SCOPE_LABEL[kind]} rules={[{ required: true, message: '请选择范围' }]}>
          <ScopeSelect kind={kind} />
        </Form.Item>
      )}
    </>
  );
}

/** The grant in the shape the API takes. */
export const grantOf = (v: { role: Role; scopeId: number }) => ({ role: v.role, scopeKind: ROLE_SCOPE[v.role], scopeId: v.scopeId });
