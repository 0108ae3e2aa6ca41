import { spawn } from 'node:child_process';

/**
 * The external programs `nida map import` drives: Debian's osmium-tool and tilemaker. A run
 * collects the tail of the program's output (for the error message when it fails) and hands every
 * chunk to `onOutput` (tilemaker's progress).
 */

export const TOOL_PACKAGES = { osmium: 'osmium-tool', tilemaker: 'tilemaker' } as const;
export type Tool = keyof typeof TOOL_PACKAGES;

export interface ToolResult {
  readonly code: number | null;
  /** Everything the program printed on stdout, unless its output was watched (`onOutput`). */
  readonly stdout: string;
  /** The last lines of stdout and stderr together, for error messages. */
  readonly tail: string;
}

export type ToolRunner = (
  tool: Tool,
  args: readonly string[],
  onOutput?: (chunk: string) => void,
) => Promise<ToolResult>;

export class ToolMissingError extends Error {
  override readonly name = 'ToolMissingError';
  constructor(readonly tool: Tool) {
    super(
      `${tool} is not installed: install Debian's ${TOOL_PACKAGES[tool]} package ` +
        `(sudo apt-get install ${TOOL_PACKAGES[tool]})`,
    );
  }
}

const TAIL_CHARS = 4000;

/** Runs the tools found on PATH. Rejects with ToolMissingError when one is not installed. */
export const runTool: ToolRunner = (tool, args, onOutput) =>
  new Promise((resolve, reject) => {
    const child = spawn(tool, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: string[] = [];
    let tail = '';
    const collect = (chunk: string, fromStdout: boolean): void => {
      // A program whose output is watched (tilemaker's progress) can print a lot: keep only the tail.
      if (fromStdout && !onOutput) stdout.push(chunk);
      tail = (tail + chunk).slice(-TAIL_CHARS);
      onOutput?.(chunk);
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => collect(chunk, true));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => collect(chunk, false));
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new ToolMissingError(tool) : error);
    });
    child.once('close', (code) => resolve({ code, stdout: stdout.join(''), tail }));
  });
