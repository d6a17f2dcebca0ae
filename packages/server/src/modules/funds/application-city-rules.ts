import { isEmergencyListKey, type EmergencyListKey } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';

// The fund rules of an estate's city (fund_city_rules, keyed by the city region at the root of
// the estate's community path "/city/district/street/community/"). No row: the national list and
// 5 working days.

export interface CityFundRules {
  cityRegionId: number | null;
  emergencyList: EmergencyListKey;
  reviewWorkingDays: number;
}

export async function cityFundRules(db: Db, estateId: number): Promise<CityFundRules> {
  const r = await db.query(
    `SELECT city.id AS city_id, fr.emergency_list, fr.review_working_days
       FROM estates e JOIN regions c ON c.id = e.community_id
       JOIN regions city ON city.id = split_part(c.path, '/', 2)::bigint
       LEFT JOIN fund_city_rules fr ON fr.city_region_id = city.id
      WHERE e.id = $1`,
    [estateId],
  );
  const row = r.rows[0];
  return {
    cityRegionId: row ? Number(row.city_id) : null,
    emergencyList: row && isEmergencyListKey(row.emergency_list) ? row.emergency_list : 'national',
    reviewWorkingDays: row?.review_working_days == null ? 5 : Number(row.review_working_days),
  };
}
