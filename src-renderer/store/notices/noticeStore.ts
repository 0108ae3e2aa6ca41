import { create } from 'zustand';

/** A short confirmation (incident created, call attached): translated key + values, shown for a few seconds. */
export interface Notice {
  readonly id: number;
  readonly key: 'notice.created' | 'notice.attached' | 'notice.released' | 'notice.conflictLost';
  /** The incident number (or, for a conflict, the callsign or caller number) the notice is about. */
  readonly number: string | null;
}

export interface NoticeState {
  readonly notices: readonly Notice[];
}

export interface NoticeActions {
  push: (key: Notice['key'], number: string | null) => void;
  dismiss: (id: number) => void;
}

let nextNoticeId = 1;
const SHOWN_MS = 6_000;

export const useNoticeStore = create<NoticeState & NoticeActions>()((set, get) => ({
  notices: [],
  push: (key, number) => {
    const notice: Notice = { id: nextNoticeId++, key, number };
    set((current) => ({ notices: [...current.notices, notice].slice(-3) }));
    setTimeout(() => get().dismiss(notice.id), SHOWN_MS);
  },
  dismiss: (id) => set((current) => ({ notices: current.notices.filter((notice) => notice.id !== id) })),
}));
