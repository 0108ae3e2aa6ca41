import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCli, skipTestWithout } from '../../support/prerequisites';
import { SECURITY_HEADERS } from '../../../src-main/http/securityHeaders';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { connectRemote } from '../../support/wsClient';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const NIDA = join(REPO_ROOT, 'bin', 'nida.js');

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface RunningNida {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  /** The first line the process prints on stdout. */
  readonly firstLine: Promise<string>;
}

/** The `nida` command in a child process, exactly as a user would run it (no NIDA_DATA_DIR leaking in). */
function runNida(args: readonly string[]): RunningNida {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NIDA_DATA_DIR'];
  const child = spawn(process.execPath, [NIDA, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let lineFound: (line: string) => void = () => undefined;
  let noLine: (error: Error) => void = () => undefined;
  const firstLine = new Promise<string>((done, fail) => {
    lineFound = done;
    noLine = fail;
  });
  // Most runs never ask for the line; keep an early exit from becoming an unhandled rejection.
  firstLine.catch(() => undefined);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout.push(chunk);
    const text = stdout.join('');
    const end = text.indexOf('\n');
    if (end >= 0) lineFound(text.slice(0, end));
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<Exit>((done, fail) => {
    child.once('error', fail);
    child.once('close', (code, signal) => {
      const exit = { code, signal, stdout: stdout.join(''), stderr: stderr.join('') };
      noLine(new Error(`nida exited (${String(code)}) before printing a line; stderr: ${exit.stderr}`));
      done(exit);
    });
  });
  return { child, exited, firstLine };
}

function isServeLine(value: unknown): value is { url: string; origin: string; token: string; dataDir: string } {
  if (typeof value !== 'object' || value === null) return false;
  const line = value as Record<string, unknown>;
  return ['url', 'origin', 'token', 'dataDir'].every((key) => typeof line[key] === 'string');
}

describe('the nida command', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  function start(args: readonly string[]): RunningNida {
    const running = runNida(args);
    defer(async () => {
      if (running.child.exitCode === null && running.child.signalCode === null) {
        running.child.kill('SIGKILL');
        await running.exited.catch(() => undefined);
      }
    });
    return running;
  }

  it('given a built console, when `nida serve --port 0 --json` runs and gets SIGTERM, then it serves the console and exits 0 leaving a log', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = join(tempDir(), 'data');

    const running = start(['serve', '--port', '0', '--data', dataDir, '--json']);
    const parsed: unknown = JSON.parse(await running.firstLine);

    expect(isServeLine(parsed)).toBe(true);
    if (!isServeLine(parsed)) return;
    expect(parsed.dataDir).toBe(dataDir);
    expect(parsed.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(parsed.url).toBe(`${parsed.origin}/?token=${parsed.token}`);

    const index = await fetch(`${parsed.origin}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toMatch(/<!doctype html>/i);
    expect(index.headers.get('content-security-policy')).toBe(SECURITY_HEADERS['Content-Security-Policy']);

    const client = await connectRemote(parsed);
    defer(() => client.close());
    await expect(client.api.system.ping({ echo: 'cli' })).resolves.toMatchObject({ echo: 'cli' });

    running.child.kill('SIGTERM');
    const exit = await running.exited;

    expect(exit).toMatchObject({ code: 0, signal: null });
    const log = join(dataDir, 'logs', 'nida.log');
    expect(existsSync(log)).toBe(true);
    expect(statSync(log).isFile()).toBe(true);
    // The shutdown itself must reach the file, not only the start (the async log stream is flushed on exit).
    const messages = readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => (JSON.parse(line) as { msg?: unknown }).msg);
    expect(messages).toEqual(expect.arrayContaining(['host started', 'console server listening', 'host stopped']));
  });

  it('given an invalid nida.config.json, when `nida serve` runs, then it exits 1 with the ConfigError on stderr', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = tempDir();
    const configPath = join(dataDir, 'nida.config.json');
    writeFileSync(configPath, JSON.stringify({ consoleCode: 'X', timeZone: 'Mars/Base' }));

    const exit = await start(['serve', '--port', '0', '--data', dataDir]).exited;

    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain(`nida: ${configPath} is invalid:`);
    expect(exit.stderr).toContain(
      '  - consoleCode: console code must be C followed by 1-3 digits, e.g. C3 (unique in the center and its sub-stations)',
    );
    expect(exit.stderr).toContain('  - timeZone: unknown IANA time zone');
    expect(exit.stdout).toBe('');
  });

  it('given a config file that is not JSON, when `nida serve` runs, then it exits 1 naming the file', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = tempDir();
    const configPath = join(dataDir, 'nida.config.json');
    writeFileSync(configPath, '{ "consoleCode": ');

    const exit = await start(['serve', '--data', dataDir]).exited;

    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain(`nida: ${configPath} is not valid JSON`);
  });

  it('given a port out of range, when `nida serve` runs, then it exits non-zero explaining the port range', async (context) => {
    skipTestWithout(context, builtCli());

    const exit = await start(['serve', '--port', '70000', '--data', tempDir()]).exited;

    expect(exit.code).not.toBe(0);
    expect(exit.stderr).toContain('a port is 0-65535');
  });
});
