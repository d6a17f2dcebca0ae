import fs from 'node:fs';
import { loadSecrets, type Config } from '@gongzhi/server';
import { importRoster as runImport } from '@gongzhi/server/modules/roster/index.ts';
import { CliError, parseCommandArgs, requireOption } from '../cli-error.ts';
import { withDatabase } from '../database.ts';
import { CLI_ACTOR, estateByCode } from './estate-by-code.ts';

const USAGE = 'gongzhi import-roster --estate 小区编码 名册.xlsx [--dry-run]';

interface Issue { row: number; column: string; reason: string }

/** Imports a roster workbook into one estate: all rows or none. Errors by row, column, reason. */
export async function importRoster(config: Config, args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { estate: { type: 'string' }, 'dry-run': { type: 'boolean' } }, USAGE);
  const code = requireOption(values.estate, 'estate', USAGE);
  const file = positionals[0];
  if (!file) throw new CliError(`缺少名册文件 / missing the .xlsx file\n用法 / usage: ${USAGE}`);
  if (!fs.existsSync(file)) throw new CliError(`文件不存在 / no such file: ${file}`);
  const buffer = fs.readFileSync(file);
  await withDatabase(config, async (pool) => {
    const estate = await estateByCode(pool, code);
    try {
      const r = await runImport({ db: pool, secrets: loadSecrets(config.dataDir), estateId: estate.id, buffer, dryRun: values['dry-run'], actor: CLI_ACTOR });
      const what = r.dryRun ? '检查通过，未写入 / checked, nothing written' : '导入完成 / imported';
      console.log(`${estate.name} (${code}): ${what}`);
      console.log(JSON.stringify(r.counts, null, 2));
    } catch (e) {
      const err = e as { code?: string; details?: { issues?: Issue[]; total?: number }; zhMessage?: string };
      if (err.code !== 'IMPORT_INVALID' || !err.details?.issues) throw e;
      const lines = err.details.issues.map((i) => `  第 ${i.row} 行 ${i.column}：${i.reason}`);
      const more = (err.details.total ?? lines.length) > lines.length ? `\n  … 共 ${err.details.total} 处 / ${err.details.total} in all` : '';
      throw new CliError(`${err.zhMessage ?? '导入文件有错误，未导入任何数据'}\n${lines.join('\n')}${more}`);
    }
  });
}
