// What one window keeps for itself: its selection, the errors and notices it shows.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isCriticalError, runTask, useErrorStore } from '../../../../src-renderer/store/errors/errorStore';
import { useNoticeStore } from '../../../../src-renderer/store/notices/noticeStore';
import { useSelectionStore } from '../../../../src-renderer/store/selection/selectionStore';
import { AppError } from '../../../../src-shared/contract/errors';
import { useFreshStores } from '../support/window';

useFreshStores();

describe('selection store', () => {
  it('keeps the open incident and the selected unit apart, and clears each on its own', () => {
    useSelectionStore.getState().selectIncident('i-1');
    useSelectionStore.getState().selectUnit('U-101');
    useSelectionStore.getState().selectIncident(null);

    expect(useSelectionStore.getState()).toMatchObject({ incidentId: null, unitId: 'U-101' });
  });
});

describe('error store', () => {
  it('given a refusal from the host, then it is shown with its code and detail', () => {
    useErrorStore.getState().report(new AppError('CONFLICT', 'the unit was just taken'));

    expect(useErrorStore.getState().errors).toEqual([
      expect.objectContaining({ code: 'CONFLICT', detail: 'the unit was just taken' }),
    ]);
  });

  it('given any other failure, then it is shown as INTERNAL with its message', () => {
    useErrorStore.getState().report(new TypeError('x is undefined'));
    useErrorStore.getState().report('plain text');

    expect(useErrorStore.getState().errors.map((shown) => [shown.code, shown.detail])).toEqual([
      ['INTERNAL', 'x is undefined'],
      ['INTERNAL', 'plain text'],
    ]);
  });

  it('shows the three latest errors (never a stack over the console), and a dismissed one goes', () => {
    for (let index = 1; index <= 7; index++) useErrorStore.getState().report(new Error(`failure ${String(index)}`));

    const shown = useErrorStore.getState().errors;
    expect(shown.map((error) => error.detail)).toEqual([5, 6, 7].map((index) => `failure ${String(index)}`));
    useErrorStore.getState().dismiss(shown[0]!.id);
    expect(useErrorStore.getState().errors).toHaveLength(2);
  });

  it('given the same error again, then it is shown once with a count; a refusal keeps its reason', () => {
    const refused = () =>
      AppError.because('CONFLICT', 'U1: a unit cannot go from on-scene to dispatched', {
        key: 'unit-status-transition',
        params: { callsign: 'U1', from: 'on-scene', to: 'dispatched' },
      });
    useErrorStore.getState().report(refused());
    useErrorStore.getState().report(new AppError('STORAGE', 'disk full'));
    useErrorStore.getState().report(refused());

    expect(useErrorStore.getState().errors.map((error) => [error.code, error.repeats, error.reason?.key])).toEqual([
      ['STORAGE', 1, undefined],
      ['CONFLICT', 2, 'unit-status-transition'],
    ]);
    expect(useErrorStore.getState().errors.map(isCriticalError)).toEqual([true, false]);
  });

  it('given a task that fails, then runTask shows its error', async () => {
    runTask(Promise.reject(new AppError('UNAVAILABLE', 'host unreachable')));
    await vi.waitFor(() => expect(useErrorStore.getState().errors).toHaveLength(1));

    expect(useErrorStore.getState().errors[0]).toMatchObject({ code: 'UNAVAILABLE' });
  });
});

describe('notice store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the three latest notices, each for six seconds', () => {
    const { push } = useNoticeStore.getState();
    push('notice.created', 'BGD-261129-C1-0001');
    vi.advanceTimersByTime(1_000);
    push('notice.attached', 'BGD-261129-C1-0001');
    push('notice.released', null);
    push('notice.created', 'BGD-261129-C1-0002');

    expect(useNoticeStore.getState().notices.map((notice) => [notice.key, notice.number])).toEqual([
      ['notice.attached', 'BGD-261129-C1-0001'],
      ['notice.released', null],
      ['notice.created', 'BGD-261129-C1-0002'],
    ]);
    vi.advanceTimersByTime(5_000);
    expect(useNoticeStore.getState().notices).toHaveLength(3);
    vi.advanceTimersByTime(1_000);
    expect(useNoticeStore.getState().notices).toEqual([]);
  });

  it('given a notice dismissed by hand, then it goes at once', () => {
    useNoticeStore.getState().push('notice.created', 'BGD-261129-C1-0001');
    const [notice] = useNoticeStore.getState().notices;

    useNoticeStore.getState().dismiss(notice!.id);

    expect(useNoticeStore.getState().notices).toEqual([]);
  });
});
