// The `nida` command in a child process, exactly as a user or a script runs it (built CLI), for the
// tests and benchmarks that drive whole consoles: `nida serve --json` prints where it listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const NIDA = join(REPO_ROOT, 'bin', 'nida.js');

export interface NidaExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface NidaProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<NidaExit>;
  /** The first line the process prints on stdout. */
  readonly firstLine: Promise<string>;
  /** SIGKILL unless it already exited (cleanup). */
  kill(): Promise<void>;
}

export interface ServeLine {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
}

/**
 * Runs `nida ARGS…` (no NIDA_DATA_DIR leaking in from the test's environment); `input` is written to
 * its standard input, which is then closed (a script piping a password).
 */
export function runNida(args: readonly string[], env: NodeJS.ProcessEnv = {}, input?: string): NidaProcess {
  const environment: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete environment['NIDA_DATA_DIR'];
  const child = spawn(process.execPath, [NIDA, ...args], {
    cwd: REPO_ROOT,
    env: environment,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // No input: standard input ends at once, as `< /dev/null` would.
  child.stdin.end(input ?? '');
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
  const exited = new Promise<NidaExit>((done, fail) => {
    child.once('error', fail);
    child.once('close', (code, signal) => {
      const exit = { code, signal, stdout: stdout.join(''), stderr: stderr.join('') };
      noLine(new Error(`nida exited (${String(code)}) before printing a line; stderr: ${exit.stderr}`));
      done(exit);
    });
  });
  return {
    child,
    exited,
    firstLine,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited.catch(() => undefined);
      }
    },
  };
}

/** `nida serve --port 0 --json …`: resolves with where the console listens once it serves. */
export async function serveConsole(args: readonly string[]): Promise<{ process: NidaProcess; address: ServeLine }> {
  const process = runNida(['serve', '--port', '0', '--json', ...args]);
  const line = await process.firstLine;
  return { process, address: JSON.parse(line) as ServeLine };
}
