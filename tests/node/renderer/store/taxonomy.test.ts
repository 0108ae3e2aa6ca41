// The center's incident types and agencies, as the intake form looks them up.
import { describe, expect, it } from 'vitest';
import { localized, taxonomySelectors, useTaxonomyStore } from '../../../../src-renderer/store/taxonomy/taxonomyStore';
import { useWindow } from '../support/window';

describe('taxonomy store', () => {
  const host = useWindow();

  it('given no taxonomy yet, then nothing is found', () => {
    const state = useTaxonomyStore.getState();
    expect(taxonomySelectors.type(state, 'building-fire')).toBeUndefined();
    expect(taxonomySelectors.agency(state, 'civil-defence')).toBeUndefined();
  });

  it('given the shipped taxonomy on connect, then types and agencies are found by code, and the type search is ready', async () => {
    await host.connect();

    const state = useTaxonomyStore.getState();
    expect(taxonomySelectors.type(state, 'building-fire')?.code).toBe('building-fire');
    expect(taxonomySelectors.type(state, null)).toBeUndefined();
    expect(taxonomySelectors.type(state, 'no-such-type')).toBeUndefined();
    expect(taxonomySelectors.agency(state, 'civil-defence')?.code).toBe('civil-defence');
    expect(state.typeSearch).not.toBeNull();
  });

  it('shows center data in the UI language, or the fallback when it has none', () => {
    const name = { ar: 'حريق مبنى', en: 'Building fire', ckb: 'ئاگرکەوتنەوەی بینا' };
    expect(localized(name, 'en', 'building-fire')).toBe('Building fire');
    expect(localized(name, 'ar', 'building-fire')).toBe('حريق مبنى');
    expect(localized(undefined, 'ar', 'building-fire')).toBe('building-fire');
  });
});
