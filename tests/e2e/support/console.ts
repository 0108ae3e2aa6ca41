import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { readTrackerAccount } from '../../../src-main/services/avl/trackerAccount';
import { ensureLead, TEST_PASSWORD_COST } from '../../support/testOperators';
import { connectRemote } from '../../support/wsClient';

/** A `nida serve` process started for one test, on a free port with its own data directory. */
export interface RunningConsole {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
  /** Stops the host; its data directory is removed unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface ConsoleOptions {
  /** Written as `<data>/nida.config.json` before start. */
  readonly config?: Record<string, unknown>;
  /** Reuse a data directory (restart on the same database); a fresh temp dir otherwise. */
  readonly dataDir?: string;
  /** `demo`: `nida demo` (its roster, its fleet driving over the embedded broker, its calls) instead of `nida serve`. */
  readonly command?: 'serve' | 'demo';
}

const repoRoot = join(import.meta.dirname, '..', '..', '..');

/** Starts the built console exactly as a user would (`nida serve`), and waits until it listens. */
export async function startConsole(options: ConsoleOptions = {}): Promise<RunningConsole> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'nida-e2e-'));
  // Every test console runs its embedded MQTT broker on a free port, so two consoles never collide on 1883.
  const configFile = join(dataDir, 'nida.config.json');
  if (options.config || (!existsSync(configFile) && options.command !== 'demo'))
    writeFileSync(
      configFile,
      JSON.stringify({
        avl: { embedded: { port: 0 } },
        ...options.config,
        // Cheap password hashes: every spec signs in, often several operators.
        signIn: { passwordCost: TEST_PASSWORD_COST, ...(options.config?.['signIn'] as object | undefined) },
      }),
    );
  const command = options.command ?? 'serve';
  const child = spawn(process.execPath, ['bin/nida.js', command, '--port', '0', '--data', dataDir, '--json'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<{ url: string; origin: string; token: string }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(JSON.parse(line) as { url: string; origin: string; token: string }));
    child.once('exit', (code) => reject(new Error(`nida serve exited with ${String(code)}: ${stderr}`)));
  });
  await seedFirstAdministrator(ready);
  return {
    ...ready,
    dataDir,
    stop: async (stopOptions) => {
      await stopProcess(child);
      if (!stopOptions?.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh console has no operator: its first administrator is the test operator `lead` (what the
 * driver signs in as), created here once. A console that cannot (a refused store) is left to its test.
 */
async function seedFirstAdministrator(address: { origin: string; token: string }): Promise<void> {
  const client = await connectRemote(address, { operator: null });
  try {
    await ensureLead(client.api);
  } catch {
    // The test sees the console as it is.
  } finally {
    await client.close();
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The account trackers give the console's embedded broker (written when the broker first starts). */
export function trackerLogin(nida: Pick<RunningConsole, 'dataDir'>): { username: string; password: string } {
  const account = readTrackerAccount(nida.dataDir);
  if (account === null) throw new Error(`no tracker account in ${nida.dataDir}: has the embedded broker started?`);
  return { username: account.username, password: account.password };
}
