import { withTx, type Config } from '@gongzhi/server';
import { createAdmin as createAdminAccount } from '@gongzhi/server/modules/identity/create-admin.ts';
import { parseCommandArgs, requireOption } from '../cli-error.ts';
import { withDatabase } from '../database.ts';

const USAGE = 'gongzhi create-admin --username U --password P [--name 姓名] [--phone 手机号]';

/** Creates an administrator over the city region (audited as done by the system). */
export async function createAdmin(config: Config, args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, {
    username: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, phone: { type: 'string' },
  }, USAGE);
  const username = requireOption(values.username, 'username', USAGE);
  const password = requireOption(values.password, 'password', USAGE);
  await withDatabase(config, async (pool) => {
    const r = await withTx(pool, (db) =>
      createAdminAccount({ db, username, password, displayName: values.name ?? username, phone: values.phone }),
    );
    console.log(`已创建管理员 / admin created: ${username} (账号 / account ${r.id}, 区域 / region ${r.regionId})`);
  });
}
