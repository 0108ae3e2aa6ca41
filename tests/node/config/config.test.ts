import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAME, ConfigError, loadConfig, type ConfigFile } from '../../../src-main/config/config';
import { useTempDirs } from '../support/cleanup';

const VERSION = '1.2.3-test';

function configErrorOf(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

describe('loadConfig', () => {
  const tempDir = useTempDirs();

  function dataDirWith(text: string): { dataDir: string; path: string } {
    const dataDir = tempDir();
    const path = join(dataDir, CONFIG_FILE_NAME);
    writeFileSync(path, text);
    return { dataDir, path };
  }

  it('given a config file saved with a UTF-8 byte order mark (as Windows Notepad does), when loaded, then it is read like any other', () => {
    const { dataDir } = dataDirWith(`\uFEFF${JSON.stringify({ consoleCode: 'C7' })}`);

    expect(loadConfig(dataDir, VERSION).consoleCode).toBe('C7');
  });

  it('given a data directory without a config file, when loaded, then every field has its working default', () => {
    const dataDir = tempDir();

    const config = loadConfig(dataDir, VERSION);

    expect(config).toMatchObject({
      center: { code: 'BGD', name: { en: 'Baghdad 911 Emergency Center' } },
      consoleCode: 'C1',
      profile: 'live',
      operator: {},
      signIn: { idleLockMinutes: 15, lockExpiresMinutes: 240, wallWithoutSignIn: false, maxFailures: 5 },
      timeZone: 'Asia/Baghdad',
      defaultLanguage: 'ar',
      serve: { port: 9110, bindAddress: '127.0.0.1' },
      dataDir,
      version: VERSION,
    });
    expect(config.center.name.ar).not.toBe('');
    expect(config.center.name.ckb).not.toBe('');
    expect(config.operatorName).not.toBe('');
  });

  it('given an empty JSON object, when loaded, then it means the same defaults as no file', () => {
    const { dataDir } = dataDirWith('{}');

    const config = loadConfig(dataDir, VERSION);

    expect(config).toEqual({ ...loadConfig(tempDir(), VERSION), dataDir });
  });

  it.each(['{ "consoleCode": "C2", }', '', 'consoleCode: C2'])(
    'given a config file that is not JSON (%j), when loaded, then a ConfigError names the file',
    (text) => {
      const { dataDir, path } = dataDirWith(text);

      const error = configErrorOf(() => loadConfig(dataDir, VERSION));

      expect(error.name).toBe('ConfigError');
      expect(error.message).toContain(path);
      expect(error.message).toContain('not valid JSON');
    },
  );

  it('given several invalid fields, when loaded, then one ConfigError names the file and lists every bad path', () => {
    const { dataDir, path } = dataDirWith(
      JSON.stringify({
        center: { code: 'bg', name: { ar: 'مركز', en: 'Center', ckb: 'ناوەند' } },
        consoleCode: 'X',
        timeZone: 'Mars/Base',
        colour: 'red',
      }),
    );

    const error = configErrorOf(() => loadConfig(dataDir, VERSION));

    expect(error.message).toContain(`${path} is invalid`);
    const lines = error.message.split('\n').slice(1);
    expect(lines).toHaveLength(4);
    expect(lines).toEqual(
      expect.arrayContaining([
        '  - center.code: center code must be three capital letters, e.g. BGD',
        '  - consoleCode: console code must be C followed by 1-3 digits, e.g. C3 (unique in the center and its sub-stations)',
        '  - timeZone: unknown IANA time zone',
        expect.stringMatching(/^ {2}- \(root\): .*colour/),
      ]),
    );
  });

  it('given wrong types deep inside, when loaded, then the paths point into the nested objects', () => {
    const { dataDir } = dataDirWith(
      JSON.stringify({ serve: { port: 70000 }, operator: { role: 'janitor' }, defaultLanguage: 'fr', profile: 'test' }),
    );

    const error = configErrorOf(() => loadConfig(dataDir, VERSION));

    for (const path of ['serve.port', 'operator.role', 'defaultLanguage', 'profile']) {
      expect(error.message).toContain(`  - ${path}: `);
    }
  });

  it('given a JSON value that is not an object, when loaded, then the root is reported invalid', () => {
    const { dataDir } = dataDirWith('[1, 2]');

    const error = configErrorOf(() => loadConfig(dataDir, VERSION));

    expect(error.message).toContain('  - (root): ');
  });

  it('given a complete valid file, when loaded, then every setting comes back as written', () => {
    const file = {
      center: {
        code: 'ERB',
        name: { ar: 'مركز طوارئ أربيل', en: 'Erbil Emergency Center', ckb: 'ناوەندی فریاکەوتنی هەولێر' },
        servers: ['nats://10.0.0.11:4222', 'tls://10.0.0.12:4222'],
        credentials: { user: 'erb-c12', password: 'secret' },
        duplicateWindowSeconds: 300,
        requestTimeoutMs: 1500,
        snapshotEvery: 5000,
        sites: ['site-koya'],
        hubDomain: 'erbil-hub',
        joinFromSnapshot: false,
      },
      consoleCode: 'C12',
      profile: 'demo',
      operator: { name: 'Karwan', role: 'trainer' },
      timeZone: 'Europe/Istanbul',
      defaultLanguage: 'ckb',
      serve: { port: 9200, bindAddress: '0.0.0.0' },
    } satisfies Partial<ConfigFile>;
    const { dataDir } = dataDirWith(JSON.stringify(file, null, 2));

    const config = loadConfig(dataDir, VERSION);

    // toMatchObject: settings added to the schema later keep their defaults without breaking this test.
    expect(config).toMatchObject({ ...file, dataDir, operatorName: 'Karwan', version: VERSION });
  });
});
