import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { ZodError } from 'zod';
import {
  callLanguageSchema,
  operatorRoleSchema,
  type CallLanguage,
  type OperatorRecord,
  type OperatorRole,
} from '../../src-shared/domain/operator';
import { passwordCostOf } from '../config/config';
import { acquireProfileLock, profileLockHolder } from '../host/profileLock';
import { createOperatorService, type OperatorService } from '../services/operators/operatorService';
import { scryptOfCost } from '../services/operators/passwords';
import { systemClock } from '../services/runtime/clock';
import { silentLogger } from '../services/runtime/logger';
import { Store } from '../services/store/store';
import { fail, finish, messageOf, storeOptionsOf, targetOf, type CommonOptions, type Target } from './db/common';

/** Who the command line's changes are stamped with in the log and the audit. */
const CLI_ACTOR = 'cli:nida-operators';

interface AddOptions extends CommonOptions {
  readonly nameAr: string;
  readonly nameLatin: string;
  readonly role: readonly OperatorRole[];
  readonly agency?: readonly string[];
  readonly language?: readonly CallLanguage[];
}

const listOf =
  <T>(parse: (value: string) => T) =>
  (value: string, previous: readonly T[] = []): T[] => [
    ...previous,
    ...value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0)
      .map(parse),
  ];

const roleOf = (value: string): OperatorRole => {
  const parsed = operatorRoleSchema.safeParse(value);
  if (!parsed.success)
    throw new InvalidArgumentError(`unknown role ${value} (${operatorRoleSchema.options.join(', ')})`);
  return parsed.data;
};

const languageOf = (value: string): CallLanguage => {
  const parsed = callLanguageSchema.safeParse(value);
  if (!parsed.success)
    throw new InvalidArgumentError(`unknown language ${value} (${callLanguageSchema.options.join(', ')})`);
  return parsed.data;
};

/**
 * The password, read from standard input: never an argument (it would stay in the shell history and
 * the process list). A terminal does not echo it; a script pipes it (`echo "$PW" | nida operators add …`).
 */
async function readPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const lines = createInterface({ input });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    return '';
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve) => {
    let typed = '';
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (char === '\u0003') process.exit(130);
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char;
      }
    };
    input.on('data', onData);
  });
}

/** Opens the profile's store (refused while a console runs on it: use the roster dialog then). */
async function withOperators(target: Target, run: (operators: OperatorService) => Promise<void>): Promise<void> {
  const holder = profileLockHolder(target.dataDir, target.profile);
  if (holder !== null) {
    fail(
      target,
      `the ${target.profile} profile in ${target.dataDir} is in use by a running Nida console (pid ${String(holder)}); stop it, or use the operators dialog of the console`,
      { hostPid: holder },
    );
    return;
  }
  mkdirSync(target.dataDir, { recursive: true });
  const release = acquireProfileLock(target.dataDir, target.profile);
  try {
    const store = Store.open(storeOptionsOf(target, { durability: target.config.storage.durability }));
    try {
      if (!store.status.writable) {
        fail(target, store.status.problem ?? 'the store refuses writes');
        return;
      }
      const operators = createOperatorService({
        store,
        clock: systemClock,
        logger: silentLogger(),
        recordAction: (action) => store.recordAction(action),
        systemActor: CLI_ACTOR,
        kdf: scryptOfCost(passwordCostOf({ profile: target.profile, signIn: target.config.signIn })),
      });
      await run(operators);
    } catch (error) {
      fail(
        target,
        error instanceof ZodError ? error.issues.map((issue) => issue.message).join('; ') : messageOf(error),
      );
    } finally {
      store.close();
    }
  } finally {
    release();
  }
}

const describe = (operator: OperatorRecord): string =>
  [
    operator.id.padEnd(16),
    `${operator.name.latin} / ${operator.name.ar}`.padEnd(36),
    operator.roles.join(',').padEnd(32),
    operator.languages.join(','),
    operator.enabled ? '' : ' (disabled)',
    operator.lockedOutUntil !== null && operator.lockedOutUntil > Date.now() ? ' (locked out)' : '',
  ].join(' ');

function withCommon(command: Command): Command {
  return command
    .option('--data <dir>', 'data directory (default: the workstation’s)')
    .option('--profile <profile>', 'live, drill or demo (default: the configured one)')
    .option('--json', 'print one JSON object');
}

/** `nida operators add|list|passwd|disable|enable|unlock`: the roster from the command line. */
export function registerOperatorCommands(program: Command): void {
  const operators = program
    .command('operators')
    .description('who may sign in at the console: add, list, set a password, disable, enable, lift a lockout');

  withCommon(operators.command('add <id>'))
    .description('add an operator (the password is read from standard input)')
    .requiredOption('--name-ar <name>', 'name in Arabic script (stamped on every action)')
    .requiredOption('--name-latin <name>', 'name in Latin script')
    .requiredOption(
      '--role <roles>',
      'call-taker, dispatcher, shift-lead, trainer, administrator, wall (comma-separated or repeated)',
      listOf(roleOf),
    )
    .option(
      '--agency <codes>',
      'agencies a dispatcher dispatches for (default: all)',
      listOf((value) => value),
    )
    .option('--language <codes>', 'languages the operator takes calls in: ar, ckb, kmr, tk, en, fa', listOf(languageOf))
    .action(async (id: string, options: AddOptions) => {
      const target = targetOf(options);
      await withOperators(target, async (service) => {
        if (service.get(id)) {
          fail(target, `operator ${id} exists; use nida operators passwd, enable or disable`);
          return;
        }
        const password = await readPassword(`Password for ${id}: `);
        const operator = await service.save(
          {
            id,
            name: { ar: options.nameAr, latin: options.nameLatin },
            roles: [...options.role],
            agencies: [...(options.agency ?? [])],
            languages: [...(options.language ?? ['ar'])],
          },
          { actor: CLI_ACTOR, password },
        );
        finish(target, true, { operator }, [`added ${describe(operator)}`]);
      });
    });

  withCommon(operators.command('list'))
    .description('list the operators (never a password)')
    .action(async (options: CommonOptions) => {
      const target = targetOf(options);
      await withOperators(target, (service) => {
        const list = service.list();
        finish(target, true, { operators: list }, list.length === 0 ? ['no operators yet'] : list.map(describe));
        return Promise.resolve();
      });
    });

  withCommon(operators.command('passwd <id>'))
    .description('set an operator’s password (read from standard input)')
    .action(async (id: string, options: CommonOptions) => {
      const target = targetOf(options);
      await withOperators(target, async (service) => {
        const operator = await service.setPassword(id, await readPassword(`New password for ${id}: `), CLI_ACTOR);
        finish(target, true, { operator }, [`password set for ${operator.id}`]);
      });
    });

  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const)
    withCommon(operators.command(`${name} <id>`))
      .description(enabled ? 'let an operator sign in again' : 'stop an operator from signing in (kept in the log)')
      .action(async (id: string, options: CommonOptions) => {
        const target = targetOf(options);
        await withOperators(target, (service) => {
          const operator = service.setEnabled(id, enabled, CLI_ACTOR);
          finish(target, true, { operator }, [`${operator.id} ${enabled ? 'enabled' : 'disabled'}`]);
          return Promise.resolve();
        });
      });

  withCommon(operators.command('unlock <id>'))
    .description('lift a lockout after repeated failed sign-ins')
    .action(async (id: string, options: CommonOptions) => {
      const target = targetOf(options);
      await withOperators(target, (service) => {
        const operator = service.unlock(id, CLI_ACTOR);
        finish(target, true, { operator }, [`${operator.id} may sign in again`]);
        return Promise.resolve();
      });
    });
}
