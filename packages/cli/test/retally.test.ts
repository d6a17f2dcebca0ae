import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { offlineGongzhi } from './offline-cli.ts';

// `gongzhi retally` as anyone runs it: a decision record file in, the result object out, with no
// database at all (DATABASE_URL points nowhere and the data directory stays empty).

const { run: gongzhi, dir, dataDir } = offlineGongzhi('retally');

// three owners of 128.58 m² (385.74 in all); A and B vote yes: exactly 2/3 of area and heads
const record = {
  format: 'gongzhi.decision-record/v1',
  rules: 'civil-code-2021',
  matter: 4,
  units: [
    { unit: '1-101', status: 'sold', owner: 'A', area: 128.58, areaSource: 'registry' },
    { unit: '1-102', status: 'sold', owner: 'B', areaCandidates: { survey: 128.58, contract: 130 } },
    { unit: '1-103', status: 'sold', owner: 'C', area: 128.58 },
  ],
  ballots: [{ owner: 'A', choice: 'yes' }, { owner: 'B', choice: 'yes' }, { owner: 'A', castBy: 'TENANT', choice: 'no' }],
};

describe('gongzhi retally', () => {
  it('anyone: recounts a decision record file and prints the result object, exit 0, without a database', async () => {
    const file = path.join(dir, 'record.json');
    fs.writeFileSync(file, JSON.stringify(record));
    const r = await gongzhi(['retally', file]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({
      participationMet: true, passed: true, areaTotal: 385.74, headTotal: 3, areaParticipating: 257.16, headParticipating: 2,
      areaYes: 257.16, headYes: 2, areaNo: 0, headNo: 0, areaAbstain: 0, headAbstain: 0,
      areaSources: { registry: 1, survey: 1, contract: 0, unspecified: 1 },
    });
    expect(out.flags).toEqual([expect.objectContaining({ kind: 'non_owner', castBy: 'TENANT', counted: false })]);
    expect(fs.readdirSync(dataDir)).toEqual([]); // no embedded database was started
  }, 60_000);

  it('anyone: reads the record from stdin with -', async () => {
    const r = await gongzhi(['retally', '-'], JSON.stringify({ ...record, matter: 6 }));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ participationMet: true, passed: true });
  }, 60_000);

  it('anyone: a broken record exits 2 naming the bad field; bad JSON and a missing file exit 2 too', async () => {
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, JSON.stringify({ ...record, units: [record.units[0], { ...record.units[1], areaCandidates: { survey: '12.345' } }] }));
    const r = await gongzhi(['retally', file]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('units[1].areaCandidates.survey');
    expect(r.err).toContain('面积最多两位小数');

    const notJson = await gongzhi(['retally', '-'], '{ nope');
    expect(notJson.code).toBe(2);
    expect(notJson.err).toContain('不是合法的 JSON');

    const missing = await gongzhi(['retally', path.join(dir, 'absent.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('无法读取文件');

    const noArg = await gongzhi(['retally']);
    expect(noArg.code).toBe(2);
    expect(noArg.err).toContain('gongzhi retally');
  }, 60_000);

  it('anyone: help lists retally', async () => {
    const r = await gongzhi(['help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('retally');
    expect(r.out).toContain('重新计票');
  }, 60_000);
});
