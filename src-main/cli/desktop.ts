import { spawn } from 'node:child_process';
import { appRoot, findElectronBinary } from './paths';

/** `nida desktop`: launches the Electron shell on this package. Resolves with Electron's exit code. */
export function launchDesktop(dataDir: string | undefined): Promise<number> {
  const root = appRoot();
  const binary = findElectronBinary(root);
  if (!binary.available) return Promise.reject(new Error(`cannot start the desktop app: ${binary.reason}`));
  const args = [root];
  if (dataDir) args.push(`--nida-data=${dataDir}`);
  const child = spawn(binary.path, args, { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
