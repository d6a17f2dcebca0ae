import fs from 'node:fs/promises';
import { parseDecisionRecord, resultToJson, tally } from '@gongzhi/domain';
import { CliError } from '../cli-error.ts';

// `gongzhi retally FILE.json` (or `-` for stdin): recounts a decision record (TALLY-SPEC §7)
// with the same engine the server uses, and prints the result object. No database, no config.

const USAGE = 'gongzhi retally 文件.json | -';

async function readInput(file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new CliError(`无法读取文件 / cannot read ${file}: ${(e as Error).message}`);
  }
}

export async function retally(args: string[]): Promise<number> {
  if (args.length !== 1) throw new CliError(`需要一个决定记录文件 / one decision-record file expected\n用法 / usage: ${USAGE}`);
  const text = await readInput(args[0]!);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`不是合法的 JSON / not valid JSON: ${(e as Error).message}`);
  }
  const parsed = parseDecisionRecord(json);
  if (!parsed.ok) {
    throw new CliError(`决定记录有误 / bad decision record: 字段 field ${parsed.field}: ${parsed.message}`);
  }
  console.log(JSON.stringify(resultToJson(tally(parsed.record)), null, 2));
  return 0;
}
