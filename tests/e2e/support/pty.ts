import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A socat pty pair: the console reads `console`, the test plays the telephony or radio equipment on `device`. */
export async function ptyPair(
  directory: string,
  name: string,
): Promise<{ console: string; device: string; stop: () => void }> {
  const consoleEnd = join(directory, `${name}-console`);
  const deviceEnd = join(directory, `${name}-device`);
  const socat: ChildProcess = spawn(
    'socat',
    [`pty,raw,echo=0,link=${consoleEnd}`, `pty,raw,echo=0,link=${deviceEnd}`],
    {
      stdio: 'ignore',
    },
  );
  for (let waited = 0; !(existsSync(consoleEnd) && existsSync(deviceEnd)); waited += 20) {
    if (waited > 5_000) throw new Error('socat did not create the pty pair');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { console: consoleEnd, device: deviceEnd, stop: () => socat.kill('SIGTERM') };
}
