// `nida place search` and `nida place at`, run through the command line's own program (as the
// built `nida` runs it) with standard output captured.
import { describe, expect, it } from 'vitest';
import type { PlaceHit } from '../../../src-shared/contract/api';
import type { LocationName } from '../../../src-shared/domain/locationNames';
import { nida } from '../support/cli';

describe('nida place', () => {
  it('given an ALI address and a caller in Baghdad, when `place search --near --json` runs, then Amiriya of Baghdad is the first hit', async () => {
    const run = await nida(['place', 'search', 'AL-AMIRIYA', '--near', '33.3152,44.3661', '--limit', '3', '--json']);

    const hits = JSON.parse(run.stdout) as PlaceHit[];
    expect(hits).toHaveLength(3);
    expect(hits[0]).toMatchObject({ id: 'bg-amiriya', name: { ar: 'العامرية' }, governorate: 'IQ-BG' });
    expect(hits[0]?.within?.district?.name.ar).toBe('الكرخ');
  });

  it('given Arabic words, when `place search` runs, then the hits are printed one per place with where they lie', async () => {
    const run = await nida(['place', 'search', 'مدينة', 'الصدر', '--limit', '2']);

    expect(run.exitCode).toBe(0);
    const [first, second] = run.stdout.split('\n');
    expect(first).toBe(' 1. مدينة الصدر · Sadr City · شاری سەدر');
    expect(second).toMatch(/^ {4}neighbourhood · 33\.\d{5}, 44\.\d{5} · .*بغداد · bg-sadr-city$/);
  });

  it('given nothing that matches, when `place search` runs, then it says so and fails', async () => {
    const run = await nida(['place', 'search', 'xqzvw']);

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe('no place found\n');
  });

  it('given a point in Karrada, when `place at` runs, then it prints the name in Arabic and English and each area with its code', async () => {
    const run = await nida(['place', 'at', '33.3046', '44.4232']);

    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      'الكرادة، الرصافة، بغداد',
      'Karrada, Al-Risafa, Baghdad',
      '  neighbourhood wof:1796500289   الكرادة · Karrada · کەڕادە',
    ]);
    expect(run.stdout).toContain('  district      IQG08Q06         الرصافة · Al-Risafa');
  });

  it('given a point outside every neighbourhood, when `place at --json` runs, then it is named by its sub-district', async () => {
    const run = await nida(['place', 'at', '36.19', '44.01', '--json']);

    const named = JSON.parse(run.stdout) as LocationName;
    expect(named.neighbourhood).toBeUndefined();
    expect(named.subdistrict).toEqual({ code: 'IQG11Q02N02', name: { ar: 'مركز اربيل', en: 'Markaz Erbil' } });
  });

  it('given a latitude out of range, then commander refuses it', async () => {
    await expect(nida(['place', 'at', '91', '44'])).rejects.toThrow(/latitude/);
  });
});
