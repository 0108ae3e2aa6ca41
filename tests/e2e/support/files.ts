import { closeSync, openSync, writeSync } from 'node:fs';

/** Byte-level file surgery for fault tests (a damaged database on disk). */
export function openFileSync(
  path: string,
  work: (file: { overwrite(offset: number, length: number, byte: number): void }) => void,
): void {
  const fd = openSync(path, 'r+');
  try {
    work({
      overwrite(offset, length, byte) {
        writeSync(fd, Buffer.alloc(length, byte), 0, length, offset);
      },
    });
  } finally {
    closeSync(fd);
  }
}
