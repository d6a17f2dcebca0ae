import { ROLE_SCOPE, ROLES, type CompanyView, type Role } from '@gongzhi/contracts';
import { Form, Select } from 'antd';
import { useLang } from '../../../app/i18n.tsx';
import { roleLabel } from '../../../app/labels.ts';
import { useApi } from '../../../app/use-api.ts';
import { EstateSelect, RegionTreeSelect } from '../../registry/index.ts';

// One role and its scope. The kind of scope follows from the role (ROLE_SCOPE): estate roles pick
// an estate, company roles a property company, region roles a region of the caller's tree.

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
        <Form.Item
          name="scopeId"
          label={kind === 'estate' ? '小区' : kind === 'company' ? '物业企业' : '行政区域'}
          rules={[{ required: true, message: '请选择范围' }]}
        >
          {kind === 'estate' ? <EstateSelect style={{ width: '100%' }} /> : kind === 'company' ? <CompanySelect /> : <RegionTreeSelect onChange={() => {}} />}
        </Form.Item>
      )}
    </>
  );
}

/** The grant in the shape the API takes. */
export const grantOf = (v: { role: Role; scopeId: number }) => ({ role: v.role, scopeKind: ROLE_SCOPE[v.role], scopeId: v.scopeId });
