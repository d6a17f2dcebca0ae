// Emergency categories that let a repair skip the owners' vote (民法典 第281条第二款; 办法 第24条).
// Kept as data, one list per city rule set (fund_city_rules.emergency_list); the application's
// city picks the list and the list is frozen on the application at submission. Work that no
// category of the city's list covers is refused the emergency path (FUND_NOT_EMERGENCY).
// Codes are shared across lists where the meaning is the same (elevator, fire_system, ...), but a
// code is only valid in the lists that carry it. Texts: docs/legal/RULES-DIGEST.md items 43, 46,
// 54, 56 and shared/law/.

export type EmergencyListKey = 'national' | 'shanghai' | 'hangzhou' | 'shenzhen';

export interface EmergencyCategory {
  code: string;
  label: string;
  /** the item number in the source text, e.g. '（二）' */
  item: string;
  /** what the source text itself requires as proof, when it says so */
  evidence?: string;
}

export interface EmergencyList {
  label: string;
  source: string;
  categories: EmergencyCategory[];
}

export const EMERGENCY_LIST_KEYS: readonly EmergencyListKey[] = ['national', 'shanghai', 'hangzhou', 'shenzhen'];

export const EMERGENCY_LISTS: Record<EmergencyListKey, EmergencyList> = {
  // 建办房〔2015〕52号: the primary text was not retrieved; the six items are quoted from local
  // texts that copy it (RULES-DIGEST item 43, tag [S]).
  national: {
    label: '全国（住房城乡建设部）',
    source: '住房城乡建设部办公厅《关于进一步发挥住宅专项维修资金在老旧小区和电梯更新改造中支持作用的通知》（建办房〔2015〕52号）',
    categories: [
      { code: 'roof_leak', item: '1', label: '屋面防水损坏造成渗漏' },
      { code: 'elevator', item: '2', label: '电梯故障危及人身安全' },
      { code: 'water_pump', item: '3', label: '高层住宅水泵损坏导致供水中断' },
      { code: 'facade_falling', item: '4', label: '楼体单侧外立面五分之一以上有脱落危险' },
      { code: 'drainage', item: '5', label: '专用排水设施因坍塌、堵塞、爆裂等造成功能障碍，危及人身财产安全' },
      { code: 'fire_system', item: '6', label: '消防系统出现功能障碍，消防管理部门要求对消防设施设备维修、更新、改造' },
    ],
  },
  // 上海市住宅物业管理规定（2020年12月30日修正）第七十三条第二款 lists five situations, each with
  // the proof it names (shared/law/上海市住宅物业管理规定(2020-12-30).md; RULES-DIGEST item 46).
  shanghai: {
    label: '上海市',
    source: '《上海市住宅物业管理规定》（2020年修正）第七十三条',
    categories: [
      { code: 'water_pump', item: '（一）', label: '水泵、水箱（池）故障，影响正常使用' },
      { code: 'elevator', item: '（二）', label: '电梯故障，电梯专业检测机构出具整改通知书要求停运', evidence: '电梯专业检测机构出具的整改通知书' },
      { code: 'fire_system', item: '（三）', label: '火灾自动报警系统、自动喷淋系统、消火栓系统损坏，消防部门出具整改通知书', evidence: '消防部门出具的整改通知书' },
      { code: 'facade_falling', item: '（四）', label: '外墙墙面、建筑附属构件有脱落危险，经有资质的鉴定机构出具证明', evidence: '有资质的鉴定机构出具的证明' },
      { code: 'roof_wall_leak', item: '（五）', label: '屋顶或外墙渗漏等情况，严重影响房屋使用，经有资质的鉴定机构出具证明', evidence: '有资质的鉴定机构出具的证明' },
    ],
  },
  // 杭州市物业管理条例（2021）第七十三条第一款 (shared/law/杭州市物业管理条例(2021-08-09).md;
  // RULES-DIGEST item 54); its second paragraph is the committee + street-office confirmation.
  hangzhou: {
    label: '杭州市',
    source: '《杭州市物业管理条例》（2021年）第七十三条',
    categories: [
      { code: 'elevator', item: '（一）', label: '电梯严重故障' },
      { code: 'fire_system', item: '（二）', label: '消防设施、器材严重损坏' },
      { code: 'facade_falling', item: '（三）', label: '建筑外立面存在脱落危险' },
      { code: 'wall_road_collapse', item: '（四）', label: '围墙、道路坍塌' },
      { code: 'roof_wall_leak', item: '（五）', label: '屋顶、外墙渗漏' },
      { code: 'drainage', item: '（六）', label: '排水设施严重堵塞或者损坏' },
    ],
  },
  // Shenzhen: the housing department's FAQ (深圳市住房和建设局, 2021-10-01; RULES-DIGEST item 56,
  // tag [S]; the article number of the underlying regulation was not verified). Only its items
  // (二)–(四) are paid from the fund after reporting to the committee and street office; item (一)
  // (water, drainage, power, gas) goes to the utility and is therefore not on this list.
  shenzhen: {
    label: '深圳市',
    source: '深圳市住房和建设局答复（广东省住房和城乡建设厅常见问题，2021年10月1日）',
    categories: [
      { code: 'elevator_fire', item: '（二）', label: '电梯、消防设施发生故障' },
      { code: 'facade_leak', item: '（三）', label: '外墙墙面存在脱落危险、外墙或者屋顶出现渗漏等情况' },
      { code: 'other_danger', item: '（四）', label: '其他危及物业安全的紧急情况' },
    ],
  },
};

export function isEmergencyListKey(v: unknown): v is EmergencyListKey {
  return typeof v === 'string' && (EMERGENCY_LIST_KEYS as readonly string[]).includes(v);
}

/** The category `code` of `list`, or null when that list does not carry it. */
export function findEmergencyCategory(list: EmergencyListKey, code: string): EmergencyCategory | null {
  return EMERGENCY_LISTS[list]?.categories.find((c) => c.code === code) ?? null;
}
