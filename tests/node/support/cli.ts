// Runs `nida …` through the command line's own program (as the built `nida` runs it), with standard
// output and error captured and the exit code read back.
import { buildProgram } from '../../../src-main/cli/main';

export interface Run {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Read outside `nida` so that TypeScript does not narrow it to the 0 set there. */
function currentExitCode(): number {
  return Number(process.exitCode ?? 0);
}

export async function nida(args: readonly string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = (chunk: string | Uint8Array): boolean => out.push(String(chunk)) > 0;
  process.stderr.write = (chunk: string | Uint8Array): boolean => err.push(String(chunk)) > 0;
  const previousExitCode = process.exitCode;
  process.exitCode = 0;
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync([...args], { from: 'user' });
    return { stdout: out.join(''), stderr: err.join(''), exitCode: currentExitCode() };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.exitCode = previousExitCode;
  }
}
