import { creditCodeCheckChar, idNumberCheckChar } from '@gongzhi/domain';
import type { Rng } from './prng.ts';

// Plausible but invented people and organisations: common surnames and given-name characters
// drawn at random, so no real person is described. ID numbers and credit codes are well-formed
// (region prefix, birth date, check character) and unique across the demo city.

// weighted towards the most common surnames, as a real roster would be
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高',
  '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁',
  '潘', '于', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔',
  '钟', '谭', '陆', '汪', '范', '金', '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦',
];
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀',
  '霞', '平', '刚', '桂', '英', '华', '玉', '兰', '志', '建', '文', '斌', '辉', '鹏', '红', '宇', '浩', '凯',
  '晨', '欣', '怡', '婷', '雪', '琳', '晓', '海', '波', '宁', '俊', '峰', '倩', '佳', '思', '博', '子', '梓',
  '睿', '嘉', '诗', '雨', '慧', '瑞', '国', '春', '云', '荣', '德', '成', '新', '立', '晶', '颖', '昊', '萱',
];
// real administrative-division prefixes, so an ID number looks like one
const REGION_PREFIXES = [
  '110101', '110105', '310104', '310115', '440106', '440305', '330106', '320102', '420106', '510107',
  '610113', '370102', '430104', '350203', '210102', '500103', '120101', '340104', '360102', '450103',
];
const PHONE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '155', '158', '159', '166', '176', '177', '180', '181', '183', '186', '187', '188', '189', '191', '199'];
// GB 11714 organisation code: 8 characters and a check character
const ORG_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export class IdentityFactory {
  private readonly idNumbers = new Set<string>();
  private readonly creditCodes = new Set<string>();
  private readonly phones = new Set<string>();

  constructor(private readonly rng: Rng) {}

  personName(): string {
    const r = this.rng;
    const given = r.chance(0.3) ? r.pick(GIVEN) : r.pick(GIVEN) + r.pick(GIVEN);
    return r.pick(SURNAMES) + given;
  }

  phone(): string {
    for (;;) {
      const p = this.rng.pick(PHONE_PREFIXES) + pad(this.rng.int(0, 99_999_999), 8);
      if (!this.phones.has(p)) return this.reserve(this.phones, p);
    }
  }

  /** an 18-character 居民身份证号码 of someone born between 1940 and 2003 */
  idNumber(): string {
    const r = this.rng;
    for (;;) {
      const birth = `${r.int(1940, 2003)}${pad(r.int(1, 12), 2)}${pad(r.int(1, 28), 2)}`;
      const first17 = r.pick(REGION_PREFIXES) + birth + pad(r.int(0, 999), 3);
      const id = first17 + idNumberCheckChar(first17);
      if (!this.idNumbers.has(id)) return this.reserve(this.idNumbers, id);
    }
  }

  /** an 18-character 统一社会信用代码 of an enterprise (registration authority 9, type 1) */
  creditCode(): string {
    const r = this.rng;
    for (;;) {
      let org = '';
      for (let i = 0; i < 8; i++) org += ORG_ALPHABET[r.int(0, 9)];
      const sum = [...org].reduce((s, c, i) => s + ORG_ALPHABET.indexOf(c) * ORG_WEIGHTS[i], 0);
      const c9 = (11 - (sum % 11)) % 11;
      const first17 = '91' + r.pick(REGION_PREFIXES) + org + (c9 === 10 ? 'X' : String(c9));
      const code = first17 + creditCodeCheckChar(first17);
      if (!this.creditCodes.has(code)) return this.reserve(this.creditCodes, code);
    }
  }

  private reserve(set: Set<string>, value: string): string {
    set.add(value);
    return value;
  }
}
