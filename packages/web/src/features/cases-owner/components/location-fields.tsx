import type { MyUnitView } from '@gongzhi/contracts';
import type { CaseLocationKind } from '@gongzhi/domain';
import { Form, Input, Select, Typography } from 'antd';
import { ChoiceGrid } from './choice-grid.tsx';
import { useCT } from '../messages.ts';

// Where the problem is: one of my units (private), my building, a named common area, or the whole
// estate. Units and buildings come from my bound units; an owner of several estates picks one.

export type LocationKind = CaseLocationKind;
// the domain's kinds, nearest first (my own unit is the commonest report)
const LOCATION_KINDS: LocationKind[] = ['unit', 'building', 'common_area', 'estate'];

export function estatesOf(units: MyUnitView[]): { id: number; name: string }[] {
  const seen = new Map<number, string>();
  for (const u of units) seen.set(u.estateId, u.estateName);
  return [...seen].map(([id, name]) => ({ id, name }));
}

function buildingsOf(units: MyUnitView[], several: boolean): { value: number; label: string }[] {
  const seen = new Map<number, string>();
  for (const u of units) seen.set(u.buildingId, several ? `${u.estateName} ${u.building}` : u.building);
  return [...seen].map(([value, label]) => ({ value, label }));
}

export function LocationFields({ units, kind }: { units: MyUnitView[]; kind: LocationKind | undefined }) {
  const { ct } = useCT();
  const estates = estatesOf(units);
  const several = estates.length > 1;
  return (
    <>
      <Form.Item name="locationKind" label={ct('new.location')} style={{ marginBottom: 8 }}>
        <ChoiceGrid<LocationKind>
          testId="case-loc"
          columns={4}
          choices={LOCATION_KINDS.map((k) => ({ value: k, label: ct(`new.loc.${k}`) }))}
        />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{ct('new.privateHint')}</Typography.Paragraph>
      {kind === 'unit' && (
        <Form.Item name="unitId" label={ct('new.unit')}>
          <Select
            data-testid="case-unit"
            placeholder={ct('new.chooseUnit')}
            options={units.map((u) => ({ value: u.unitId, label: `${several ? `${u.estateName} ` : ''}${u.building} ${u.number}` }))}
          />
        </Form.Item>
      )}
      {kind === 'building' && (
        <Form.Item name="buildingId" label={ct('new.building')}>
          <Select data-testid="case-building" placeholder={ct('new.chooseBuilding')} options={buildingsOf(units, several)} />
        </Form.Item>
      )}
      {several && (kind === 'common_area' || kind === 'estate') && (
        <Form.Item name="estateId" label={ct('new.estate')}>
          <Select data-testid="case-estate" placeholder={ct('new.chooseEstate')} options={estates.map((e) => ({ value: e.id, label: e.name }))} />
        </Form.Item>
      )}
      {(kind === 'common_area' || kind === 'building') && (
        <Form.Item name="locationText" label={ct('new.locationText')}>
          <Input maxLength={200} placeholder={ct('new.locationTextPh')} data-testid="case-location-text" />
        </Form.Item>
      )}
    </>
  );
}
