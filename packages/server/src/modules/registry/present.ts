import type { OwnershipView, OwnerView } from '@gongzhi/contracts';
import { maskPhone } from '@gongzhi/domain';
import { maskIdNumber } from '../../platform/crypto.ts';
import type { OwnerRow } from './owners-repository.ts';
import type { OwnershipRow } from './ownerships-repository.ts';

// The only way owner data leaves the registry: ID numbers as their last four, phones masked.

export function presentOwner(o: OwnerRow): OwnerView {
  return {
    id: o.id,
    kind: o.kind,
    name: o.name,
    maskedIdNumber: o.kind === 'person' ? maskIdNumber(o.idNumberLast4) : '',
    creditCode: o.kind === 'organisation' ? o.creditCode : null,
    maskedPhone: maskPhone(o.phone),
    isDeveloper: o.isDeveloper,
    unitCount: o.unitCount,
  };
}

export function presentOwnership(s: OwnershipRow): OwnershipView {
  return {
    id: s.id,
    unitId: s.unitId,
    ownerId: s.ownerId,
    ownerName: s.ownerName,
    ownerKind: s.ownerKind,
    document: s.ownerKind === 'person' ? maskIdNumber(s.idNumberLast4) : (s.creditCode ?? ''),
    validFrom: s.validFrom,
    validTo: s.validTo,
    current: s.validTo === null,
  };
}
