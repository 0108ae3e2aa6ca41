/** A file the host made (an export), ready to save. */
export interface TextFile {
  readonly filename: string;
  readonly mimeType: string;
  readonly text: string;
}

/** How long the Blob URL outlives the click: the download has its own copy once it has started. */
const REVOKE_AFTER_MS = 10_000;

/**
 * Saves text as a file through a Blob URL (no network; allowed by the CSP): the browser's
 * download, or the desktop shell's save handling, in any window or tab. Named fields, so that the
 * name, type and text cannot be swapped.
 */
export function downloadText(file: TextFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: `${file.mimeType};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the click has been handled: revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
