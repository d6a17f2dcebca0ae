// Categories of work an application is for (fund_applications.category). 民法典 第281条 names
// 电梯、屋顶、外墙、无障碍设施; the rest are the common parts and shared equipment that the emergency
// lists and 办法 第3条 speak of. 'other' keeps the list open; the reason text says what it is.

export interface FundWorkCategory { code: string; label: string }

export const FUND_WORK_CATEGORIES: FundWorkCategory[] = [
  { code: 'elevator', label: '电梯' },
  { code: 'roof', label: '屋顶（屋面防水）' },
  { code: 'exterior_wall', label: '外墙' },
  { code: 'water_pump', label: '水泵、水箱（二次供水）' },
  { code: 'drainage', label: '排水设施' },
  { code: 'fire_system', label: '消防设施' },
  { code: 'wall_road', label: '围墙、道路' },
  { code: 'accessibility', label: '无障碍设施' },
  { code: 'other', label: '其他共用部位、共用设施设备' },
];

export function findWorkCategory(code: string): FundWorkCategory | null {
  return FUND_WORK_CATEGORIES.find((c) => c.code === code) ?? null;
}
