import { describe, expect, it } from 'vitest';
import { viewForOperator, viewFromLocation, viewHref } from '../../../../src-renderer/app/views';

const at = (search: string, hash = '') => ({ search, hash });

describe('a window’s view from its address', () => {
  it('given ?view=, then that view; given the hash form, then the same; given nothing or an unknown view, then the full console', () => {
    expect(viewFromLocation(at('?view=wall'))).toBe('wall');
    expect(viewFromLocation(at('', '#/units'))).toBe('units');
    expect(viewFromLocation(at(''))).toBe('console');
    expect(viewFromLocation(at('?view=kitchen'))).toBe('console');
  });

  it('given a bookmark from before the rename (?role=), then it opens the same view; ?view= wins when both are there', () => {
    expect(viewFromLocation(at('?role=outage&window=outage-1'))).toBe('outage');
    expect(viewFromLocation(at('?role=map&view=queue'))).toBe('queue');
  });

  it('given a view, then its own address uses ?view= and never carries anything else', () => {
    const location = { origin: 'http://127.0.0.1:4173', pathname: '/' };
    expect(viewHref('map', location)).toBe('http://127.0.0.1:4173/?view=map');
    expect(viewHref('console', location)).toBe('http://127.0.0.1:4173/');
    expect(viewFromLocation(at(new URL(viewHref('wall', location)).search))).toBe('wall');
  });

  it('given a trainer on a drill console, then their full console is the trainer window; other views, roles and profiles keep the address’s view', () => {
    expect(viewForOperator('console', { isTrainer: true, profile: 'drill' })).toBe('trainer');
    expect(viewForOperator('map', { isTrainer: true, profile: 'drill' })).toBe('map');
    expect(viewForOperator('console', { isTrainer: false, profile: 'drill' })).toBe('console');
    expect(viewForOperator('console', { isTrainer: true, profile: 'live' })).toBe('console');
    expect(viewForOperator('console', { isTrainer: true, profile: null })).toBe('console');
    expect(viewFromLocation(at('?view=trainer'))).toBe('trainer');
  });
});
