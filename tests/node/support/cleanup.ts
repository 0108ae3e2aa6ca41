import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

type Disposer = () => Promise<void> | void;

/**
 * Registers an afterEach hook that releases, newest first, everything a test handed to `defer`.
 * Call it once at the top of a test file (or describe block).
 */
export function useCleanup(): (dispose: Disposer) => void {
  const pending: Disposer[] = [];
  afterEach(async () => {
    const errors: unknown[] = [];
    for (const dispose of pending.splice(0).reverse()) {
      try {
        await dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'cleanup failed');
  });
  return (dispose) => {
    pending.push(dispose);
  };
}

/** A fresh directory under the OS temp folder, removed after the test. */
export function useTempDirs(): (prefix?: string) => string {
  const defer = useCleanup();
  return (prefix = 'nida-test-') => {
    const directory = mkdtempSync(join(tmpdir(), prefix));
    defer(() => {
      rmSync(directory, { recursive: true, force: true });
    });
    return directory;
  };
}
