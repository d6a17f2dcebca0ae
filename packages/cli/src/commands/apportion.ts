import { apportion as apportionShares, parseApportionInput } from '@gongzhi/domain';
import { CliError } from '../cli-error.ts';
import { readInput } from '../read-input.ts';

// `gongzhi apportion FILE.json` (or `-` for stdin): splits a cost over units by area with the same
// engine the server uses for a fund application (largest remainder, ties to the earlier unit), so
// any owner can check their share offline. No database, no config.
//   in:  { "totalFen": 1000000, "units": [ { "unit": "2-101", "area": 89.5 }, ... ] }
//   out: { "shares": [ { "unit": "2-101", "fen": 253649 }, ... ] }
// Exit 0, or 2 with the bad field named on stderr.

const USAGE = 'gongzhi apportion 文件.json | -（{"totalFen": 总金额分, "units": [{"unit": 房号, "area": 面积}]}）';

export async function apportion(args: string[]): Promise<number> {
  if (args.length !== 1) throw new CliError(`需要一个分摊输入文件 / one input file expected\n用法 / usage: ${USAGE}`);
  const text = await readInput(args[0]!);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`不是合法的 JSON / not valid JSON: ${(e as Error).message}`);
  }
  const parsed = parseApportionInput(json);
  if (!parsed.ok) throw new CliError(`分摊输入有误 / bad apportion input: 字段 field ${parsed.field}: ${parsed.message}`);
  // wait until the text is written: main() exits the process right after, and a pipe takes a
  // large output (10,000 units) in several writes
  const out = `${JSON.stringify(apportionShares(parsed), null, 2)}\n`;
  await new Promise<void>((resolve, reject) => process.stdout.write(out, (e) => (e ? reject(e) : resolve())));
  return 0;
}
