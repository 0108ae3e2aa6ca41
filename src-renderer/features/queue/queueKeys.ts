/**
 * Keyboard paths into the queue column: F3 jumps to the incident search, ↓ from an empty search goes on
 * to the open incidents, ↑ from the first incident back to the search (docs/operator-guide.md).
 */

/** The key that jumps to the incident search (from anywhere; it closes an open incident first). */
export const SEARCH_KEY = 'F3';
export const INCIDENT_SEARCH_ID = 'incident-search';
/** Each incident row carries its place in the list, so the keys can move by index in a virtual list. */
export const ROW_INDEX_ATTRIBUTE = 'data-index';

/** Focuses the incident search with its text selected; false when another dialog is in the way. */
export function focusIncidentSearch(): boolean {
  const input = document.getElementById(INCIDENT_SEARCH_ID);
  if (!(input instanceof HTMLInputElement)) return false;
  const open = [...document.querySelectorAll('dialog[open]')];
  if (open.some((dialog) => !dialog.classList.contains('incident-detail'))) return false;
  for (const dialog of open) if (dialog instanceof HTMLDialogElement) dialog.close();
  input.focus();
  input.select();
  return true;
}

/** Focuses the first open incident shown in the list; false when there is none. */
export function focusIncidentList(): boolean {
  const rows = document.querySelectorAll<HTMLElement>(`[data-testid="queue-incident"][${ROW_INDEX_ATTRIBUTE}]`);
  const first = [...rows].sort((a, b) => rowIndex(a) - rowIndex(b))[0];
  first?.focus();
  return first !== undefined;
}

export function rowIndex(element: Element): number {
  return Number(element.getAttribute(ROW_INDEX_ATTRIBUTE) ?? '-1');
}
