import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { Store } from '../../../src-main/services/store/store';
import { seededRandom } from '../../../src-shared/domain/random';
import { START, storeOptions, useStores } from '../support/store';
import { readDatabase } from '../support/readDatabase';

const WRITER = fileURLToPath(new URL('./fixtures/crashWriter.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const KILLS = 24;
const NUMBER = /^BGD-\d{6}-C3-\d{4}$/;

/**
 * Starts the writer, waits until it is writing, lets it run `delayMs`, then SIGKILLs it.
 * Resolves with every number it acknowledged (complete lines only: a half-printed line was never
 * seen by anyone) once its pipes are closed.
 */
function runAndKill(databasePath: string, delayMs: number): Promise<{ acknowledged: string[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    // tsx 4 on Node 20: `--import tsx` registers the TypeScript loader for the child.
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, databasePath], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: string[] = [];
    let pending = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
        else acknowledged.push(line);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited by itself (code ${String(code)}): ${stderr}`));
      else resolve({ acknowledged, signal });
    });
  });
}

describe('crash safety', () => {
  const { tempDir } = useStores();

  it(`given a writer SIGKILLed at ${KILLS} random moments, when the store is reopened after each kill, then every acknowledged incident is there, the file is intact and the audit chain checks out`, async () => {
    const path = join(tempDir('nida-crash-'), 'live.db');
    const seed = Date.now() % 1_000_000;
    const random = seededRandom(seed);
    const acknowledged: string[] = [];
    const startedAt = Date.now();

    for (let kill = 1; kill <= KILLS; kill++) {
      const delay = 50 + Math.floor(random() * 351);
      const run = await runAndKill(path, delay);
      expect(
        run.acknowledged.every((line) => NUMBER.test(line)),
        `seed ${seed}, kill ${kill}`,
      ).toBe(true);
      acknowledged.push(...run.acknowledged);

      const store = Store.open(storeOptions(path, manualClock(START)));
      try {
        expect(store.status.writable, `seed ${seed}, kill ${kill}: ${store.status.problem ?? ''}`).toBe(true);
        const stored = new Set(
          readDatabase(store, (db) => db.prepare('SELECT number FROM incidents').pluck().all() as string[]),
        );
        expect(
          acknowledged.filter((number) => !stored.has(number)),
          `seed ${seed}, kill ${kill} after ${delay} ms: acknowledged but missing`,
        ).toEqual([]);
        expect(
          readDatabase(store, (db) => db.pragma('integrity_check', { simple: true })),
          `seed ${seed}, kill ${kill}`,
        ).toBe('ok');
        expect(store.verifyAudit(), `seed ${seed}, kill ${kill}`).toMatchObject({ ok: true });
      } finally {
        store.close();
      }
    }

    // Every acknowledged number is unique: a restart never hands a number out twice.
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
    expect(acknowledged.length).toBeGreaterThan(KILLS);
    console.info(
      `crash test: ${KILLS} kills, ${acknowledged.length} acknowledged incidents, ${Date.now() - startedAt} ms (seed ${seed})`,
    );
  }, 90_000);
});
