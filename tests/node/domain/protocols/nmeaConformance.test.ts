// Our decode of gpsd's regression logs against gpsd's own (the TPV records in *.log.chk).
// The logs live in ../shared/testdata (BSD-2-Clause, see its README) and are not copied here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNmeaLog, type NmeaFix } from '../../../../src-shared/domain/protocols/nmea';
import { requirePrerequisites, sharedFile } from '../../../support/prerequisites';

const readme = sharedFile('testdata', 'nmea', 'README.md');
const dataDir = path.dirname(readme.path);
const skip = requirePrerequisites(readme);
/** gpsd 3.20 treats these pre-2019 dates as GPS week rollover victims and adds 1024 weeks (see README). */
const ROLLOVER_MS = 7168 * 86_400_000;

interface Tpv {
  readonly time: string;
  readonly mode: number;
  readonly lat?: number;
  readonly lon?: number;
  readonly speed?: number;
  readonly track?: number;
  readonly alt?: number;
}

/**
 * The last (most complete) TPV gpsd printed for each reporting time, keyed by time of day: gpsd also
 * guesses the date of a cycle before that cycle's RMC/ZDA arrives (a time of day that goes backwards
 * becomes the next day), which the date check below allows for once per log.
 */
function gpsdFixes(chk: string): Map<string, Tpv> {
  const byTime = new Map<string, Tpv>();
  for (const line of chk.split(/\r?\n/)) {
    if (!line.startsWith('{')) continue;
    const record = JSON.parse(line) as Omit<Tpv, 'time'> & { class: string; time?: string };
    if (record.class !== 'TPV' || record.time === undefined) continue;
    const time = new Date(Date.parse(record.time) - ROLLOVER_MS).toISOString();
    byTime.set(time.slice(11), { ...record, time });
  }
  return byTime;
}

const title = `NMEA conformance with gpsd 3.20 decodes${skip === null ? '' : ` (${skip})`}`;

describe.skipIf(skip !== null)(title, () => {
  it.each(['bt451', 'nl2008u', 'mt3339'])('%s.log matches its .chk', (name) => {
    const log = readFileSync(path.join(dataDir, `${name}.log`), 'latin1');
    const expected = gpsdFixes(readFileSync(path.join(dataDir, `${name}.log.chk`), 'latin1'));
    const { fixes, rejected } = parseNmeaLog(log);
    expect(rejected).toEqual([]);

    const ours = new Map<string, NmeaFix>();
    for (const fix of fixes) if (fix.time !== null) ours.set(fix.time.slice(11), fix);
    let maxError = 0;
    let dateGuesses = 0;
    let speeds = 0;
    for (const [time, tpv] of expected) {
      const fix = ours.get(time);
      expect(fix, `fix at ${time}`).toBeDefined();
      if (!fix) continue;
      if (fix.time !== tpv.time) {
        expect(Date.parse(tpv.time) - Date.parse(fix.time ?? ''), `date at ${time}`).toBe(86_400_000);
        dateGuesses++;
      }
      expect(fix.mode, `mode at ${time}`).toBe(tpv.mode);
      if (tpv.lat !== undefined && tpv.lon !== undefined) {
        const error = Math.max(Math.abs((fix.lat ?? Infinity) - tpv.lat), Math.abs((fix.lon ?? Infinity) - tpv.lon));
        maxError = Math.max(maxError, error);
        expect(error, `position at ${time}`).toBeLessThan(1e-6);
      } else {
        expect(fix.lat).toBeNull();
      }
      // gpsd prints speed with 3 decimals and track with 4. In a cycle without RMC/VTG gpsd reports a
      // speed of its own (from the previous fix); the receiver said nothing, so there is nothing to compare.
      if (tpv.speed !== undefined && fix.speed !== null) {
        expect(fix.speed, `speed at ${time}`).toBeCloseTo(tpv.speed, 3);
        speeds++;
      }
      if (tpv.track !== undefined && fix.track !== null)
        expect(fix.track, `track at ${time}`).toBeCloseTo(tpv.track, 4);
      if (tpv.alt !== undefined) expect(fix.alt ?? NaN).toBeCloseTo(tpv.alt, 3);
    }
    expect(expected.size).toBeGreaterThan(0);
    expect(dateGuesses).toBeLessThanOrEqual(1);
    // Shown by `vitest run --reporter=verbose`; the figures the closing note quotes.
    console.info(
      `${name}: ${expected.size} fixes compared with gpsd (${speeds} with speed), max position error ${maxError.toExponential(2)}°, ${dateGuesses} date guessed by gpsd`,
    );
  });
});
