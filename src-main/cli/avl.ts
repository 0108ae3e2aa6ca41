import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/config';
import { privateDirectory } from '../services/runtime/privateFiles';
import {
  loadOrCreateTrackerAccount,
  renewTrackerAccount,
  trackerAccountPath,
  type TrackerAccount,
} from '../services/avl/trackerAccount';
import { defaultDataDir, packageVersion } from './paths';

interface TrackersOptions {
  data?: string;
  newPassword?: boolean;
  json?: boolean;
}

function describe(account: TrackerAccount, path: string, broker: string, renewed: boolean): string {
  return [
    `trackers sign in to the embedded broker at ${broker} with`,
    `  user name  ${account.username}`,
    `  password   ${account.password}`,
    `  since      ${account.createdAt}${renewed ? ' (new: reconfigure every tracker, then restart the console)' : ''}`,
    `  kept in    ${path} (readable by this user only)`,
    'they publish positions only (avl.topics); they cannot subscribe or read the fleet',
    '',
  ].join('\n');
}

/** Registers `nida avl …`: what the administrator needs to set up the units' trackers. */
export function registerAvlCommands(program: Command): void {
  const avl = program.command('avl').description('unit positions (AVL): the embedded broker and its trackers');
  avl
    .command('trackers')
    .description("the user name and password the units' trackers give the embedded MQTT broker")
    .option('-d, --data <dir>', 'data directory (default: as `nida serve`)')
    .option('--new-password', 'generate a new password (the old one stops working when the console restarts)')
    .option('--json', 'print one JSON object (for scripts)')
    .action((options: TrackersOptions) => {
      const config = loadConfig(resolve(options.data ?? defaultDataDir()), packageVersion());
      if (config.avl.broker !== null) {
        process.stderr.write(
          `this console uses the center's broker (${new URL(config.avl.broker.url).host}); trackers have accounts there, not here\n`,
        );
        process.exitCode = 1;
        return;
      }
      // Before the first start: the account is made now, so trackers can be set up first.
      privateDirectory(config.dataDir);
      const renewed = options.newPassword === true;
      const account = renewed
        ? renewTrackerAccount(config.dataDir, Date.now())
        : loadOrCreateTrackerAccount(config.dataDir, Date.now());
      const path = trackerAccountPath(config.dataDir);
      const { bindAddress, port } = config.avl.embedded;
      const broker =
        port === 0 ? `mqtt://${bindAddress} (a free port chosen at start)` : `mqtt://${bindAddress}:${String(port)}`;
      if (options.json) process.stdout.write(`${JSON.stringify({ ...account, file: path, broker, renewed })}\n`);
      else process.stdout.write(describe(account, path, broker, renewed));
    });
}
