// A started console loads its gazetteer in steps between which it keeps answering: the steps, a
// search that comes half-way (it finishes the same load, never a second one), a load given up by a
// stopping host, and the index built in steps being the index built at once.
import { describe, expect, it } from 'vitest';
import { resourcesDir } from '../../../src-main/config/appPaths';
import { loadGazetteer, SteppedLoad, type SkippedFile } from '../../../src-main/services/places/placeService';
import { buildPlaceIndex, createPlaceSearch } from '../../../src-shared/domain/placeSearch';

/** A load of `steps` steps that counts how often each step ran. */
function countedLoad(
  steps: number,
  failAt?: number,
): { load: SteppedLoad<string>; ran: number[]; starts: () => number } {
  const ran: number[] = [];
  let starts = 0;
  const load = new SteppedLoad(function* (skipped: SkippedFile[]) {
    starts++;
    for (let step = 0; step < steps; step++) {
      if (step === failAt) throw new Error(`step ${String(step)} failed`);
      ran.push(step);
      if (step === 1) skipped.push({ file: 'a.geojson', reason: 'missing' });
      yield;
    }
    return 'loaded';
  });
  return { load, ran, starts: () => starts };
}

const immediately = (): Promise<void> => Promise.resolve();

describe('a load in steps', () => {
  it('pauses between its steps and reports what it skipped', async () => {
    const { load, ran } = countedLoad(5);
    let pauses = 0;
    const part = await load.gradually(() => {
      pauses++;
      return Promise.resolve();
    });

    expect(part.value).toBe('loaded');
    expect(ran).toEqual([0, 1, 2, 3, 4]);
    expect(pauses).toBe(5);
    expect(part.skipped).toEqual([{ file: 'a.geojson', reason: 'missing' }]);
    expect(part.loadMs).toBeGreaterThanOrEqual(0);
  });

  it('given a load half-way, when a search needs it now, then it finishes the same load and the gradual one ends with it', async () => {
    const { load, ran, starts } = countedLoad(6);
    let releasePause: () => void = () => undefined;
    let paused = 0;
    const gradual = load.gradually(
      () =>
        new Promise((resolve) => {
          paused++;
          releasePause = resolve;
        }),
    );
    await expect.poll(() => paused).toBe(1);

    const now = load.now();
    releasePause();

    expect(now.value).toBe('loaded');
    expect(await gradual).toBe(now);
    expect(ran).toEqual([0, 1, 2, 3, 4, 5]);
    expect(starts()).toBe(1);
  });

  it('given a host that stops, when its pause rejects, then the load is given up where it was and can be finished later', async () => {
    const { load, ran } = countedLoad(4);
    await expect(load.gradually(() => Promise.reject(new Error('host stopped')))).rejects.toThrow('host stopped');
    expect(ran).toEqual([0]);

    expect((await load.gradually(immediately)).value).toBe('loaded');
    expect(ran).toEqual([0, 1, 2, 3]);
  });

  it('given a step that fails, then every later use gets that error rather than a half load', async () => {
    const { load, starts } = countedLoad(4, 2);
    await expect(load.gradually(immediately)).rejects.toThrow('step 2 failed');
    expect(() => load.now()).toThrow('step 2 failed');
    expect(starts()).toBe(1);
  });
});

describe('the shipped gazetteer loaded in steps', () => {
  it('takes many short steps and builds the same areas and search index as a load at once', async () => {
    const gazetteer = loadGazetteer(resourcesDir());
    let pauses = 0;
    const pause = (): Promise<void> => {
      pauses++;
      return new Promise((resolve) => setImmediate(resolve));
    };
    const areas = await gazetteer.areas.gradually(pause);
    const { index, merged } = (await gazetteer.search.gradually(pause)).value;

    // A step per file read and per file validated, a few per thousand places merged and indexed.
    expect(pauses).toBeGreaterThan(30);
    expect(areas.skipped).toEqual([]);
    expect(merged).toBeGreaterThan(0);

    const atOnce = buildPlaceIndex(index.entries.map((entry) => entry.place));
    expect(index.size).toBe(atOnce.size);
    const stepped = createPlaceSearch(index);
    const whole = createPlaceSearch(atOnce);
    for (const query of ['karrada', 'الكرادة', 'اربيل', 'ba', 'hay al', 'مستشفى'])
      expect(stepped.search(query).map((hit) => hit.place.id)).toEqual(whole.search(query).map((hit) => hit.place.id));
    expect(areas.value.nameLocation(33.3046, 44.4232).neighbourhood).toBeDefined();
  });
});
