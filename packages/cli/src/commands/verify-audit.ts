import { verifyAuditChain, type Config } from '@gongzhi/server';
import { withDatabase } from '../database.ts';

/** Recomputes the audit hash chain. Exit 0 when intact, 1 naming the first broken link. */
export async function verifyAudit(config: Config): Promise<number> {
  return withDatabase(config, async (pool) => {
    const r = await verifyAuditChain(pool);
    console.log(JSON.stringify(r, null, 2));
    if (r.ok) {
      console.log(`审计链完整 / audit chain intact: ${r.checked} 条 / events`);
      return 0;
    }
    const why = { hash_mismatch: '内容被修改 / content altered', prev_link_mismatch: '链接断开 / back-link broken', sequence_gap: '缺少记录 / missing event' };
    console.error(`审计链在第 ${r.firstBroken!.seq} 条断开（${why[r.firstBroken!.reason]}）/ audit chain broken at seq ${r.firstBroken!.seq}`);
    return 1;
  });
}
