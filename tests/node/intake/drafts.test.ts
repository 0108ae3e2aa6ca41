// Intake drafts kept by the host (intake.saveDraft / drafts / discardDraft): versioned so two
// windows cannot overwrite each other, and on disk so a reload or restart loses no typing.
import { describe, expect, it } from 'vitest';
import { AMAL, BASIM, START, TAHRIR, intakeDraft, useIntakeHosts } from '../support/intake';

describe('intake drafts', () => {
  const { startHost } = useIntakeHosts();

  it('given a new draft, when it is saved twice, then each save returns the next version with the host time, and is published', async () => {
    const { call, clock, published } = startHost();
    const draft = intakeDraft({ callerNumber: '07701234567' });

    clock.advance(1_000);
    const first = await call('intake.saveDraft', { draft }, AMAL);
    clock.advance(2_000);
    const second = await call('intake.saveDraft', { draft: { ...first, address: 'الكرادة داخل' } }, AMAL);

    expect(first).toEqual({ ...draft, version: 1, updatedAt: START + 1_000 });
    expect(second).toEqual({ ...draft, address: 'الكرادة داخل', version: 2, updatedAt: START + 3_000 });
    expect(await call('intake.drafts', {})).toEqual([second]);
    expect(published('onDraftChanged')).toEqual([
      { draftId: draft.id, draft: first },
      { draftId: draft.id, draft: second },
    ]);
  });

  it('given two windows on one draft, when the second saves from a version the first already moved past, then CONFLICT and the first one’s text stays', async () => {
    const { call, refused, published } = startHost();
    const opened = await call('intake.saveDraft', { draft: intakeDraft() }, AMAL);
    const amals = await call('intake.saveDraft', { draft: { ...opened, address: 'شارع فلسطين' } }, AMAL);
    const eventsBefore = published('onDraftChanged').length;

    const error = await refused('intake.saveDraft', { draft: { ...opened, address: 'شارع حيفا' } }, BASIM);

    expect(error.code).toBe('CONFLICT');
    expect(await call('intake.drafts', {})).toEqual([amals]);
    expect(published('onDraftChanged')).toHaveLength(eventsBefore);
  });

  it('given saved drafts, when the host is stopped and started again on the same data directory, then the drafts are all there', async () => {
    const first = startHost();
    const one = await first.call(
      'intake.saveDraft',
      {
        draft: intakeDraft({
          typeCode: 'gas-leak',
          location: { ...TAHRIR, source: 'map' },
          narrative: [{ at: START, text: 'رائحة غاز قوية في المطبخ' }],
        }),
      },
      AMAL,
    );
    first.clock.advance(1_000);
    const two = await first.call('intake.saveDraft', { draft: intakeDraft({ callerName: 'زينب' }) }, BASIM);

    await first.dispose();
    const second = startHost({ dataDir: first.dataDir, start: START + 60_000 });

    expect(await second.call('intake.drafts', {})).toEqual([one, two]);
    const three = await second.call('intake.saveDraft', { draft: one }, AMAL);
    expect(three.version).toBe(2);
  });

  it('given a saved draft, when it is discarded, then it is gone and the discard is published; discarding again reports nothing discarded', async () => {
    const { call, published } = startHost();
    const saved = await call('intake.saveDraft', { draft: intakeDraft() }, AMAL);
    const kept = await call('intake.saveDraft', { draft: intakeDraft() }, AMAL);

    expect(await call('intake.discardDraft', { draftId: saved.id }, AMAL)).toEqual({ discarded: true });

    expect(await call('intake.drafts', {})).toEqual([kept]);
    expect(published('onDraftChanged').at(-1)).toEqual({ draftId: saved.id, draft: null });
    const eventsBefore = published('onDraftChanged').length;
    expect(await call('intake.discardDraft', { draftId: saved.id }, AMAL)).toEqual({ discarded: false });
    expect(published('onDraftChanged')).toHaveLength(eventsBefore);
  });

  it('given a draft with a field the contract does not know, when it is saved, then INVALID_ARGUMENT and nothing is stored', async () => {
    const { call, refused } = startHost();

    const error = await refused('intake.saveDraft', { draft: { ...intakeDraft(), injected: true } }, AMAL);

    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(await call('intake.drafts', {})).toEqual([]);
  });
});
