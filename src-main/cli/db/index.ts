import { type Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { profileNames } from '../../../src-shared/contract/schemas';
import { backup } from './backup';
import { check } from './check';
import { count, targetOf, type CommonOptions } from './common';
import { exportIncident } from './export';
import { restore } from './restore';
import { seed, type SeedOptions } from './seed';
import { verify } from './verify';

/**
 * `nida db …`: maintenance of a profile's database from a terminal, one file per subcommand.
 *
 * Beside a running host (it holds `<data>/<profile>.lock`):
 * - check, verify, backup and export read through their own read-only connection (WAL readers
 *   never block the host, and see its latest commit);
 * - restore and seed refuse: they replace or fill the file the host is writing;
 * - export still records its audit row, through a short-lived connection that appends that one
 *   row (`appendAuditBesideHost`). With no host running, export takes the lock and goes through
 *   `Store.open` + `recordAction` like any writer.
 *
 * Exit codes: 0 ok, 1 failure (the message says what and what to do), 2 usage.
 */

function positiveInteger(max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) {
      throw new InvalidArgumentError(`a whole number from 1 to ${count(max)}`);
    }
    return parsed;
  };
}

function withCommon(command: Command): Command {
  return command
    .option('-d, --data <dir>', 'data directory (default: as `nida serve`)')
    .addOption(new Option('--profile <profile>', 'profile (default: from nida.config.json)').choices(profileNames))
    .option('--json', 'print one JSON object (for scripts)');
}

/** Registers `nida db …` on the program. */
export function registerDbCommands(program: Command): void {
  const db = program
    .command('db')
    .description("check, verify, back up, restore, export and seed a profile's database")
    // Usage errors exit 2 (failures are 1); help exits 0. main() turns the error into the exit code.
    .exitOverride((error) => {
      throw new CommanderError(error.exitCode === 0 ? 0 : 2, error.code, error.message);
    });

  withCommon(db.command('check'))
    .description('full integrity check (read-only): schema, sizes, counts; names the backup to restore when damaged')
    .action((options: CommonOptions) => {
      check(targetOf(options));
    });

  withCommon(db.command('verify'))
    .description('verify the audit hash chain and every event against it (read-only)')
    .action((options: CommonOptions) => {
      verify(targetOf(options));
    });

  withCommon(db.command('backup'))
    .description(
      'online backup (safe while the console runs) into <data>/backups/<profile>/, pruned to storage.backupsKept',
    )
    .option('--to <file>', 'write the backup to this file instead')
    .action(async (options: CommonOptions & { to?: string }) => {
      await backup(targetOf(options), options.to);
    });

  withCommon(db.command('restore'))
    .description('replace the profile database with a checked backup (the console must be stopped)')
    .requiredOption('--from <file>', 'backup file to restore')
    .option('--force', "restore a backup recorded as another center's, console's or profile's (needs --reason)")
    .option('--reason <text>', 'why the refused backup must be restored anyway (kept in the audit trail)')
    .action((options: CommonOptions & { from: string; force?: boolean; reason?: string }) => {
      restore(targetOf(options), options.from, { force: options.force === true, reason: options.reason });
    });

  withCommon(db.command('export'))
    .description('one incident with its full timeline and notes as JSON; recorded in the audit trail')
    .requiredOption('--incident <numberOrId>', 'incident number (BGD-261129-C1-0042) or id')
    .option('--out <file>', 'write to this file (default: stdout)')
    .action((options: CommonOptions & { incident: string; out?: string }) => {
      exportIncident(targetOf(options), options.incident, options.out);
    });

  withCommon(db.command('seed'))
    .description('fill a drill or demo profile with realistic synthetic Baghdad incidents (deterministic per --seed)')
    .requiredOption('--incidents <n>', 'how many incidents', positiveInteger(100_000))
    .option('--seed <seed>', 'seed of the generator', '911')
    .option('--days <n>', 'spread them over the last n days', positiveInteger(365), 7)
    .action((options: CommonOptions & SeedOptions) => {
      seed(targetOf(options), options);
    });
}
