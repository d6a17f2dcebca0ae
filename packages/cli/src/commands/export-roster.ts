import fs from 'node:fs';
import type { Config } from '@gongzhi/server';
import { exportRoster as runExport } from '@gongzhi/server/modules/roster/index.ts';
import { parseCommandArgs, requireOption } from '../cli-error.ts';
import { withDatabase } from '../database.ts';
import { estateByCode } from './estate-by-code.ts';

const USAGE = 'gongzhi export-roster --estate 小区编码 [--out 文件.xlsx]';

/** Writes an estate's roster (ID numbers masked) in the columns the import reads. */
export async function exportRoster(config: Config, args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, { estate: { type: 'string' }, out: { type: 'string' } }, USAGE);
  const code = requireOption(values.estate, 'estate', USAGE);
  const out = values.out ?? `roster-${code}.xlsx`;
  await withDatabase(config, async (pool) => {
    const estate = await estateByCode(pool, code);
    const buffer = await runExport({ db: pool, estateId: estate.id });
    fs.writeFileSync(out, buffer);
    console.log(`已导出 / exported ${estate.name} (${code}) → ${out} (${buffer.length} bytes)`);
  });
}
