import { describe, expect, it } from 'vitest';
import { FORBIDDEN_SWITCHES, isAllowedRequest, isAppUrl } from '../../../src-main/electron/policy';

describe('Electron shell policy', () => {
  it('trusts only pages of the bundled renderer', () => {
    expect(isAppUrl('app://nida/index.html')).toBe(true);
    expect(isAppUrl('app://nida/map')).toBe(true);
    for (const url of [
      'app://nida.evil/index.html',
      'app://other/index.html',
      'https://nida/index.html',
      'file:///etc/passwd',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('lets no request leave the app: only app://, blob: workers, and DevTools when enabled', () => {
    expect(isAllowedRequest('app://nida/assets/index.js', false)).toBe(true);
    expect(isAllowedRequest('blob:app://nida/1234', false)).toBe(true);
    expect(isAllowedRequest('https://tiles.example.org/0/0/0.png', false)).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:9110/', false)).toBe(false);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', false)).toBe(false);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', true)).toBe(true);
  });

  it('names the debugger switches a packaged console refuses', () => {
    expect(FORBIDDEN_SWITCHES).toEqual(expect.arrayContaining(['remote-debugging-port', 'inspect', 'js-flags']));
  });
});
