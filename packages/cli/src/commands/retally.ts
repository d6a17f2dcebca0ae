import {
  ELECTION_RECORD_FORMAT, electionResultToJson, parseDecisionRecord, parseElectionRecord, resultToJson, tally, tallyElection,
} from '@gongzhi/domain';
import { CliError } from '../cli-error.ts';
import { readInput } from '../read-input.ts';

// `gongzhi retally FILE.json` (or `-` for stdin): recounts a decision record (TALLY-SPEC §7)
// with the same engine the server uses, and prints the result object. No database, no config.
// A committee election item (`gongzhi.election-record/v1`, docs/election-record.md) is recounted
// with the election engine.

const USAGE = 'gongzhi retally 文件.json | -（决定记录或选举记录 / decision or election record）';

export async function retally(args: string[]): Promise<number> {
  if (args.length !== 1) throw new CliError(`需要一个决定记录文件 / one decision-record file expected\n用法 / usage: ${USAGE}`);
  const text = await readInput(args[0]!);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`不是合法的 JSON / not valid JSON: ${(e as Error).message}`);
  }
  if ((json as { format?: unknown } | null)?.format === ELECTION_RECORD_FORMAT) {
    const election = parseElectionRecord(json);
    if (!election.ok) {
      throw new CliError(`选举记录有误 / bad election record: 字段 field ${election.field}: ${election.message}`);
    }
    console.log(JSON.stringify(electionResultToJson(tallyElection(election.record), election.names), null, 2));
    return 0;
  }
  const parsed = parseDecisionRecord(json);
  if (!parsed.ok) {
    throw new CliError(`决定记录有误 / bad decision record: 字段 field ${parsed.field}: ${parsed.message}`);
  }
  console.log(JSON.stringify(resultToJson(tally(parsed.record)), null, 2));
  return 0;
}
