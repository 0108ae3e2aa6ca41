// Intakes in progress in a window: this window's edits on top of the host's copy, and what other
// windows save or finish.
import { describe, expect, it } from 'vitest';
import { intakeSelectors, useIntakeStore } from '../../../../src-renderer/store/intake/intakeStore';
import { T0, call, draft } from '../support/records';
import { useWindow } from '../support/window';

const intake = () => useIntakeStore.getState();
const tabIds = (): string[] => intakeSelectors.tabs(intake()).map((tab) => tab.id);

describe('intake store', () => {
  const host = useWindow();

  it('given a call, when an intake is opened for it, then it carries the call, is active and not yet stored', () => {
    const ringing = call({ id: 'c1', callerNumber: '07701234567', address: 'شارع السعدون' });

    const opened = intake().open(ringing, T0);

    expect(opened).toMatchObject({ callId: 'c1', callerNumber: '07701234567', address: 'شارع السعدون', version: 0 });
    expect(intakeSelectors.active(intake())).toEqual(opened);
    expect(intake().unsaved[opened.id]).toBe(true);
  });

  it('given a field with a message, when the dispatcher edits that field, then its message goes and the others stay', () => {
    const opened = intake().open(null, T0);
    intake().setIssues(opened.id, [
      { path: 'typeCode', message: 'choose a type' },
      { path: 'location.lat', message: 'outside Iraq' },
    ]);

    intake().edit(opened.id, { location: { lat: 33.3, lon: 44.4, source: 'map' } });

    expect(intakeSelectors.issue(intake(), opened.id, 'location.lat')).toBeUndefined();
    expect(intakeSelectors.issue(intake(), opened.id, 'typeCode')).toMatchObject({ message: 'choose a type' });
    expect(intakeSelectors.active(intake())?.location).toEqual({ lat: 33.3, lon: 44.4, source: 'map' });
  });

  it('given intakes opened one after another, then the tabs are in opening order and any can be made active', () => {
    const second = intake().open(null, T0 + 2_000);
    const first = intake().open(null, T0 + 1_000);

    expect(tabIds()).toEqual([first.id, second.id]);
    intake().activate(second.id);
    expect(intakeSelectors.active(intake())?.id).toBe(second.id);
    intake().activate(null);
    expect(intakeSelectors.active(intake())).toBeNull();
  });

  it('given another window saves a newer version of a draft this window only shows, then it is shown', () => {
    host.send({ name: 'onDraftChanged', payload: { draftId: 'd1', draft: draft({ id: 'd1', version: 1 }) } });

    host.send({
      name: 'onDraftChanged',
      payload: { draftId: 'd1', draft: draft({ id: 'd1', version: 2, address: 'الكرادة' }) },
    });

    expect(intake().drafts['d1']).toMatchObject({ version: 2, address: 'الكرادة' });
  });

  it('given a draft this window is editing, when another window saves it, then the edits here are not overwritten', () => {
    const opened = intake().open(null, T0);
    intake().edit(opened.id, { address: 'typed here' });

    host.send({
      name: 'onDraftChanged',
      payload: { draftId: opened.id, draft: draft({ id: opened.id, version: 5, address: 'typed there' }) },
    });

    expect(intake().drafts[opened.id]?.address).toBe('typed here');
  });

  it('given an older version arriving late, then the newer one stays', () => {
    host.send({
      name: 'onDraftChanged',
      payload: { draftId: 'd1', draft: draft({ id: 'd1', version: 3, address: 'new' }) },
    });

    host.send({
      name: 'onDraftChanged',
      payload: { draftId: 'd1', draft: draft({ id: 'd1', version: 2, address: 'old' }) },
    });

    expect(intake().drafts['d1']?.address).toBe('new');
  });

  it('given the active draft is submitted elsewhere, then it closes here, the next tab becomes active, and a late save never reopens it', () => {
    const first = intake().open(null, T0);
    const second = intake().open(null, T0 + 1_000);
    intake().setProposals(second.id, []);
    intake().setIssues(second.id, [{ path: 'typeCode', message: 'choose a type' }]);

    host.send({ name: 'onDraftChanged', payload: { draftId: second.id, draft: null } });

    expect(tabIds()).toEqual([first.id]);
    expect(intakeSelectors.active(intake())?.id).toBe(first.id);
    expect(intake().issues[second.id]).toBeUndefined();
    host.send({ name: 'onDraftChanged', payload: { draftId: second.id, draft: draft({ id: second.id, version: 9 }) } });
    expect(tabIds()).toEqual([first.id]);
  });

  it('given a reconnect, then the host’s drafts are shown, intakes opened here but not stored yet survive, and closed ones stay closed', async () => {
    const local = intake().open(null, T0 + 5_000);
    host.send({ name: 'onDraftChanged', payload: { draftId: 'done', draft: null } });

    await host.connect({ intake: { drafts: [draft({ id: 'd1', openedAt: T0 }), draft({ id: 'done' })] } });

    expect(tabIds()).toEqual(['d1', local.id]);
    expect(intakeSelectors.active(intake())?.id).toBe(local.id);
  });

  it('given a reconnect with no active intake, then the oldest becomes active', async () => {
    await host.connect({
      intake: { drafts: [draft({ id: 'later', openedAt: T0 + 1 }), draft({ id: 'first', openedAt: T0 })] },
    });

    expect(intakeSelectors.active(intake())?.id).toBe('first');
  });
});
