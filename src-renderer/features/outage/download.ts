/** Saves a file the host made (an export) through the browser's download, in any window or tab. */
export function downloadText(filename: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mimeType};charset=utf-8` }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has its own copy once started; free the blob after the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
