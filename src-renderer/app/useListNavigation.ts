import { useState, type KeyboardEvent } from 'react';

export interface ListNavigation<T> {
  /** Index of the highlighted option (kept inside the list as it shrinks). */
  readonly highlight: number;
  readonly highlighted: T | undefined;
  readonly reset: () => void;
  /** Highlights an option by index (kept inside the list). */
  readonly select: (index: number) => void;
  /** Moves the highlight on ArrowDown/ArrowUp; true when it handled the key. */
  readonly onArrowKey: (event: KeyboardEvent<HTMLElement>) => boolean;
}

/** The arrow-key part of every combobox (place, type and incident search): one behaviour everywhere. */
export function useListNavigation<T>(items: readonly T[]): ListNavigation<T> {
  const [highlight, setHighlight] = useState(0);
  const current = Math.min(highlight, Math.max(0, items.length - 1));
  return {
    highlight: current,
    highlighted: items[current],
    reset: () => setHighlight(0),
    select: (index) => setHighlight(Math.max(0, index)),
    onArrowKey: (event) => {
      if (items.length === 0 || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return false;
      event.preventDefault();
      setHighlight(event.key === 'ArrowDown' ? Math.min(items.length - 1, current + 1) : Math.max(0, current - 1));
      return true;
    },
  };
}
