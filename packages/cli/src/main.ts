import { loadConfig } from '@gongzhi/server';
import { CliError, describeError } from './cli-error.ts';
import { createAdmin } from './commands/create-admin.ts';
import { HELP } from './commands/help.ts';
import { migrate } from './commands/migrate.ts';
import { seed } from './commands/seed.ts';
import { start } from './commands/start.ts';
import { verifyAudit } from './commands/verify-audit.ts';

// `gongzhi <command> [options]`: each command lives in commands/<name>.ts. Exit codes: 0 ok,
// 1 verify-audit found a broken chain, 2 anything the user has to fix (message on stderr).

type Command = (args: string[]) => Promise<number | void>;

const config = () => loadConfig();

// roster commands are loaded on demand: exceljs is heavy and only they need it
const COMMANDS: Record<string, Command> = {
  start: () => start(config()),
  migrate: () => migrate(config()),
  seed: () => seed(config()),
  'import-roster': async (args) => (await import('./commands/import-roster.ts')).importRoster(config(), args),
  'export-roster': async (args) => (await import('./commands/export-roster.ts')).exportRoster(config(), args),
  'verify-audit': () => verifyAudit(config()),
  'create-admin': (args) => createAdmin(config(), args),
  // no database and no config: a decision record is recounted from the file alone
  retally: async (args) => (await import('./commands/retally.ts')).retally(args),
  // no database either: a meeting export is checked from the file alone
  'verify-meeting': async (args) => (await import('./commands/verify-meeting.ts')).verifyMeeting(args),
  // no database either: a cost split over units by area, to check a fund share offline
  apportion: async (args) => (await import('./commands/apportion.ts')).apportion(args),
  // an online backup of the running platform, and its restore into a new data directory
  backup: async (args) => (await import('./commands/backup.ts')).backup(config(), args),
  restore: async (args) => (await import('./commands/restore.ts')).restore(args),
  help: async () => console.log(HELP),
};

async function main(argv: string[]): Promise<number> {
  const [name = 'help', ...args] = argv;
  const command = COMMANDS[name === '--help' || name === '-h' ? 'help' : name];
  if (!command) throw new CliError(`未知命令 / unknown command: ${name}\n\n${HELP}`);
  const code = await command(args);
  return typeof code === 'number' ? code : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    // `start` keeps running (its server holds the event loop); the others end here
    if (process.argv[2] !== 'start') process.exit(code);
  },
  (e) => {
    console.error(describeError(e));
    if (!(e instanceof CliError) && process.env.GONGZHI_DEBUG) console.error(e);
    process.exit(e instanceof CliError ? e.exitCode : 2);
  },
);
