// Issue 20, finding 2: a multi-GB street basemap is streamed from disk, ranges are capped and file
// reads are bounded, so a few plain GETs cannot take the host's memory.
import { truncateSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src-main/config/config';
import {
  MAX_CONCURRENT_READS,
  MAX_RANGE_BYTES,
  MAX_WAITING_READS,
  MapFiles,
  type MapResponse,
} from '../../../src-main/http/mapFiles';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { startTestServer } from '../support/testServer';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** A sparse file of `size` bytes (as `truncate -s` makes it): no disk used, reads as zeros. */
function sparseFile(path: string, size: number): void {
  writeFileSync(path, 'PMTiles'); // as a PMTiles header starts
  truncateSync(path, size);
}

interface Download {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly received: number;
}

/** A GET that reads up to `stopAfter` bytes of the body, then hangs up (or reads all of it). */
function download(
  origin: string,
  path: string,
  headers: Record<string, string>,
  stopAfter = Number.POSITIVE_INFINITY,
): Promise<Download> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, path, headers, agent: false }, (response) => {
      let received = 0;
      const done = (): void => resolve({ status: response.statusCode ?? 0, headers: response.headers, received });
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received >= stopAfter) {
          response.destroy();
          done();
        }
      });
      response.on('end', done);
      response.on('error', () => done());
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('a multi-GB street basemap over HTTP', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  it('given several clients asking for a 3 GiB basemap whole and by huge ranges, then the host streams it and its memory stays bounded', async () => {
    const directory = tempDir();
    const basemap = join(directory, 'iraq.pmtiles');
    sparseFile(basemap, 3 * GIB);
    const started = await startTestServer(directory, { config: { map: { streetBasemap: basemap } } });
    defer(() => started.stop());
    const { server } = started;
    const headers = { Authorization: `Bearer ${server.token}` };

    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    try {
      const [whole1, whole2, whole3, huge1, huge2] = await Promise.all([
        // Plain GETs, as the probe sent them: each client takes 200 MiB and hangs up.
        download(server.origin, '/map/street.pmtiles', headers, 200 * MIB),
        download(server.origin, '/map/street.pmtiles', headers, 200 * MIB),
        download(server.origin, '/map/street.pmtiles', headers, 200 * MIB),
        // A range of 2 GiB is cut to the cap; read to its end.
        download(server.origin, '/map/street.pmtiles', { ...headers, Range: `bytes=0-${String(2 * GIB)}` }),
        download(server.origin, '/map/street.pmtiles', { ...headers, Range: `bytes=${String(GIB)}-` }),
      ]);

      for (const whole of [whole1, whole2, whole3]) {
        expect(whole.status).toBe(200);
        expect(whole.headers['content-length']).toBe(String(3 * GIB));
        expect(whole.received).toBeGreaterThanOrEqual(200 * MIB);
      }
      expect(huge1.status).toBe(206);
      expect(huge1.headers['content-range']).toBe(`bytes 0-${String(MAX_RANGE_BYTES - 1)}/${String(3 * GIB)}`);
      expect(huge1.received).toBe(MAX_RANGE_BYTES);
      expect(huge2.headers['content-range']).toBe(
        `bytes ${String(GIB)}-${String(GIB + MAX_RANGE_BYTES - 1)}/${String(3 * GIB)}`,
      );
      expect(huge2.received).toBe(MAX_RANGE_BYTES);
    } finally {
      clearInterval(sampler);
    }
    // Before: each GET allocated the whole file (3 GiB each). Streamed, the host holds a few chunks per client.
    expect(peak - before).toBeLessThan(256 * MIB);
  }, 120_000);
});

describe('file reads at once are bounded', () => {
  const tempDir = useTempDirs();

  it('given more readers than slots and queue, then the excess gets 503 with Retry-After, and waiting readers go on as slots free', async () => {
    const directory = tempDir();
    writeFileSync(join(directory, 'street.pmtiles'), Buffer.alloc(4096, 7));
    const files = new MapFiles(parseConfig({ map: { streetBasemap: 'street.pmtiles' } }, directory, 'test'));
    const ask = (): Promise<MapResponse | null> =>
      files.serve('/map/street.pmtiles', { range: 'bytes=0-99', acceptEncoding: null });

    const reading = await Promise.all(Array.from({ length: MAX_CONCURRENT_READS }, ask));
    // Each waiting reader, once served, finishes at once and hands its slot on to the next.
    const waiting = Array.from({ length: MAX_WAITING_READS }, () =>
      ask().then((answer) => {
        (answer?.body as Readable | undefined)?.destroy();
        return answer?.status;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300)); // each looks at the file first, then queues
    const refused = await ask();

    expect(reading.every((answer) => answer?.status === 206)).toBe(true);
    expect(refused?.status).toBe(503);
    expect(refused?.headers['Retry-After']).toBe('1');

    // Readers that finish (or whose client went away) hand their slot on.
    for (const answer of reading) (answer?.body as Readable).destroy();
    expect(await Promise.all(waiting)).toEqual(Array.from({ length: MAX_WAITING_READS }, () => 206));
    files.close();
  });
});
