import { create } from 'zustand';
import type { DuplicateProposal } from '../../../src-shared/contract/api';
import type { FieldIssue } from '../../../src-shared/contract/errors';
import { newDraftId } from '../../../src-shared/contract/ids';
import type { IntakeDraft } from '../../../src-shared/contract/schemas';
import type { CallRecord } from '../../../src-shared/domain/call';

export type DraftPatch = Partial<Omit<IntakeDraft, 'id' | 'version' | 'openedAt' | 'updatedAt'>>;

export interface IntakeState {
  /** Every open intake of this console: the host's copy with this window's unsaved edits on top. */
  readonly drafts: Readonly<Record<string, IntakeDraft>>;
  /** Drafts with edits the host has not stored yet. */
  readonly unsaved: Readonly<Record<string, true>>;
  readonly activeId: string | null;
  /** Inline messages per draft and field path (from the host's validation or the form's own). */
  readonly issues: Readonly<Record<string, readonly FieldIssue[]>>;
  readonly proposals: Readonly<Record<string, readonly DuplicateProposal[]>>;
  /** Intakes submitted, attached or released from this window: late saves or events never reopen them. */
  readonly closed: Readonly<Record<string, true>>;
}

export interface IntakeActions {
  /** Opens a new intake, for a call or by hand; it becomes the active tab. */
  open: (call: CallRecord | null, now: number) => IntakeDraft;
  edit: (draftId: string, patch: DraftPatch) => void;
  activate: (draftId: string | null) => void;
  setIssues: (draftId: string, issues: readonly FieldIssue[]) => void;
  setProposals: (draftId: string, proposals: readonly DuplicateProposal[]) => void;
  /** @internal the host stored this version (edits made meanwhile stay unsaved) */
  markSaved: (draftId: string, version: number, unchangedSince: IntakeDraft) => void;
  /** @internal from resync */
  replaceAll: (drafts: readonly IntakeDraft[]) => void;
  /** @internal a host event: saved elsewhere (`draft`) or discarded/submitted (`null`) */
  applyRemote: (draftId: string, draft: IntakeDraft | null) => void;
}

export function emptyDraft(call: CallRecord | null, now: number): IntakeDraft {
  return {
    id: newDraftId(),
    callId: call?.id ?? null,
    callerNumber: call?.callerNumber ?? '',
    callerName: call?.callerName ?? '',
    location: call?.location ?? null,
    address: call?.address ?? '',
    typeCode: null,
    priority: null,
    priorityReason: '',
    extraAgencies: [],
    narrative: [],
    rejectedDuplicates: [],
    openedAt: now,
    updatedAt: now,
    version: 0,
  };
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([entry]) => entry !== key));
}

const byOpening = (drafts: Readonly<Record<string, IntakeDraft>>): IntakeDraft[] =>
  Object.values(drafts).sort((a, b) => a.openedAt - b.openedAt);

export const useIntakeStore = create<IntakeState & IntakeActions>()((set) => ({
  drafts: {},
  unsaved: {},
  activeId: null,
  issues: {},
  proposals: {},
  closed: {},
  open: (call, now) => {
    const draft = emptyDraft(call, now);
    set((current) => ({
      drafts: { ...current.drafts, [draft.id]: draft },
      unsaved: { ...current.unsaved, [draft.id]: true },
      activeId: draft.id,
    }));
    return draft;
  },
  edit: (draftId, patch) =>
    set((current) => {
      const draft = current.drafts[draftId];
      if (!draft) return current;
      const touched = Object.keys(patch);
      return {
        drafts: { ...current.drafts, [draftId]: { ...draft, ...patch } },
        unsaved: { ...current.unsaved, [draftId]: true },
        // A field the dispatcher just changed loses its old message.
        issues: {
          ...current.issues,
          [draftId]: (current.issues[draftId] ?? []).filter(
            (issue) => !touched.includes(issue.path.split('.')[0] ?? ''),
          ),
        },
      };
    }),
  activate: (draftId) => set({ activeId: draftId }),
  setIssues: (draftId, issues) => set((current) => ({ issues: { ...current.issues, [draftId]: issues } })),
  setProposals: (draftId, proposals) =>
    set((current) => ({ proposals: { ...current.proposals, [draftId]: proposals } })),
  markSaved: (draftId, version, unchangedSince) =>
    set((current) => {
      const draft = current.drafts[draftId];
      if (!draft) return current;
      const editedMeanwhile = draft !== unchangedSince;
      return {
        drafts: { ...current.drafts, [draftId]: { ...draft, version } },
        unsaved: editedMeanwhile ? current.unsaved : without(current.unsaved, draftId),
      };
    }),
  replaceAll: (drafts) =>
    set((current) => {
      const next: Record<string, IntakeDraft> = Object.fromEntries(
        drafts.filter((draft) => !current.closed[draft.id]).map((draft) => [draft.id, draft]),
      );
      // Intakes opened here but not stored yet survive a reconnect.
      for (const id of Object.keys(current.unsaved)) {
        const local = current.drafts[id];
        if (local && (!next[id] || next[id].version <= local.version)) next[id] = local;
      }
      const activeId = current.activeId && next[current.activeId] ? current.activeId : (byOpening(next)[0]?.id ?? null);
      return { drafts: next, activeId };
    }),
  applyRemote: (draftId, draft) =>
    set((current) => {
      if (draft === null) {
        const drafts = without(current.drafts, draftId);
        const closed = { ...current.closed, [draftId]: true as const };
        const activeId = current.activeId === draftId ? (byOpening(drafts)[0]?.id ?? null) : current.activeId;
        return {
          drafts,
          unsaved: without(current.unsaved, draftId),
          issues: without(current.issues, draftId),
          proposals: without(current.proposals, draftId),
          activeId,
          closed,
        };
      }
      if (current.closed[draftId]) return current;
      const local = current.drafts[draftId];
      if (local && (current.unsaved[draftId] || local.version >= draft.version)) return current;
      return { drafts: { ...current.drafts, [draftId]: draft } };
    }),
}));

export const intakeSelectors = {
  tabs: (state: IntakeState): IntakeDraft[] => byOpening(state.drafts),
  active: (state: IntakeState): IntakeDraft | null => (state.activeId ? (state.drafts[state.activeId] ?? null) : null),
  issue: (state: IntakeState, draftId: string, path: string): FieldIssue | undefined =>
    state.issues[draftId]?.find((issue) => issue.path === path),
};
