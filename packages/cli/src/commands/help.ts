// Every command, in Chinese and English.
export const HELP = `gongzhi 共治 — 业主自治平台 / estate self-governance platform

用法 / usage: gongzhi <命令 command> [参数 options]

  start                                 启动平台（数据库、迁移、空库载入演示城市、API 与网页）
                                        start the platform (database, migrations, demo city on an
                                        empty database, API and web app on one port)
  migrate                               应用数据库迁移 / apply database migrations
  seed                                  向空数据库载入演示城市 / load the demo city into an empty database
  import-roster --estate 编码 文件.xlsx  导入业主名册（全部成功或全部不导入）/ import a roster (all or nothing)
                [--dry-run]             只检查不写入 / check only
  export-roster --estate 编码 [--out 文件.xlsx]
                                        导出业主名册 / export an estate's roster
  verify-audit                          校验审计哈希链 / verify the audit hash chain
  create-admin --username U --password P [--name 姓名] [--phone 手机号]
                                        创建管理员 / create an administrator
  retally 文件.json | -                 按决定记录重新计票（不需要数据库）/ recount a decision record
                                        (TALLY-SPEC §7; no database needed)
  verify-meeting 导出文件.json | -      核验会议导出：回执哈希链、默克尔根、重新计票与公布结果一致
                                        （不需要数据库）/ verify a meeting export: receipt chains,
                                        Merkle roots, recount equals the published result
  apportion 文件.json | -               按面积分摊费用到各户（维修资金份额核对，不需要数据库）
                                        / split a cost over units by area (check a fund share;
                                        no database needed)
  backup 目标目录|目标.tar.gz [--logical] [--label 说明]
                                        在线备份数据库（运行中也可）与附件；不含身份证号密钥
                                        / online backup of the database (while it runs) and the
                                        attachments; the ID-number key is not included
  restore 备份 --data-dir 新目录        校验备份的每个文件后恢复到新的（空）数据目录
                                        / check every file of a backup, then restore it into a
                                        new (empty) data directory
  help                                  显示本帮助 / show this help

数据库 / database: 默认使用内置 PostgreSQL（数据在 GONGZHI_DATA_DIR，默认 data/）；
                  设置 DATABASE_URL 则使用该 PostgreSQL（15 或更高）。
                  the embedded PostgreSQL by default (data in GONGZHI_DATA_DIR, default data/);
                  with DATABASE_URL, that PostgreSQL (15 or newer).
退出码 / exit codes: 0 成功 ok · 1 审计链断开 audit chain broken · 2 错误 error`;
