import { readTextFile } from '../services/runtime/jsonFile';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { z } from 'zod';
import { issuesOf } from '../../src-shared/contract/validation';
import { resourcesDir } from './appPaths';
import {
  languageSchema,
  localizedTextSchema,
  operatorRoleSchema,
  profileSchema,
  type Profile,
} from '../../src-shared/contract/schemas';
import { PLACE_KINDS } from '../../src-shared/domain/gazetteer';
import { DEFAULT_TIME_ZONE } from '../../src-shared/domain/time';
import { isKnownTimeZone } from '../../src-shared/domain/timeZone';
import { DEFAULT_SHIFTS, shiftsSchema } from '../../src-shared/domain/shifts';
import { avlConfigSchema } from '../services/avl/avlConfig';
import { centerLinkConfigSchema } from '../services/center/centerConfig';
import { intakeConfigSchema } from '../services/intake/intakeConfig';
import { DEMO_PORT_PREFIX, demoLineConfigSchema, serialConfigSchema } from '../services/serial/serialConfig';

export const CONFIG_FILE_NAME = 'nida.config.json';

/** `signIn.passwordCost` (log2 of scrypt's N): bounds, the live floor and each profile's default. */
const MIN_PASSWORD_COST = 10;
/** 2^18 × 8 × 128 bytes = 256 MiB, the most a hash may take (services/operators/passwords.ts). */
const MAX_PASSWORD_COST = 18;
export const MIN_LIVE_PASSWORD_COST = 14;
const DEFAULT_PASSWORD_COST: Readonly<Record<Profile, number>> = { live: 17, drill: 12, demo: 12 };

const DEFAULT_CENTER_NAME = {
  ar: 'مركز طوارئ بغداد ٩١١',
  en: 'Baghdad 911 Emergency Center',
  ckb: 'ناوەندی فریاکەوتنی بەغدا ٩١١',
};

/** The console configuration file (`<data>/nida.config.json`). Every field has a working default. */
export const configFileSchema = z.strictObject({
  center: z
    .strictObject({
      /** Three capital letters; the first part of every incident number. */
      code: z
        .string()
        .regex(/^[A-Z]{3}$/, 'center code must be three capital letters, e.g. BGD')
        .default('BGD'),
      name: localizedTextSchema.default(DEFAULT_CENTER_NAME),
      /** Center mode (docs/center.md): the center's NATS servers, credentials and TLS. No servers: standalone. */
      ...centerLinkConfigSchema.shape,
    })
    .default({
      code: 'BGD',
      name: DEFAULT_CENTER_NAME,
      ...centerLinkConfigSchema.parse({}),
    }),
  /** This workstation's code; unique within the center (incident numbers stay unique without coordination). */
  consoleCode: z
    .string()
    .regex(
      /^C[0-9]{1,3}$/,
      'console code must be C followed by 1-3 digits, e.g. C3 (unique in the center and its sub-stations)',
    )
    .default('C1'),
  profile: profileSchema.default('live'),
  /**
   * No longer decides who works at the console: operators sign in (docs/operator-guide.md). Read only
   * for the name the command-line tools stamp their own actions with (the OS user name by default);
   * a `role` here is accepted from older files and ignored.
   */
  operator: z
    .strictObject({
      name: z.string().min(1).max(80).optional(),
      role: operatorRoleSchema.optional(),
    })
    .default({}),
  /** Operators signing in at this console (docs/configuration.md, "Sign-in and session lock"). */
  signIn: z
    .strictObject({
      /** The window locks after this long without the operator's keys or mouse (at most 30 minutes). */
      idleLockMinutes: z.number().int().min(1).max(30).default(15),
      /** A session locked this long ends: the operator signs in again. */
      lockExpiresMinutes: z
        .number()
        .int()
        .min(5)
        .max(24 * 60)
        .default(240),
      /** A wall display (`?view=wall`) shows the board without anyone signing in, read-only. */
      wallWithoutSignIn: z.boolean().default(false),
      /** Failed attempts within `lockoutMinutes` that lock an operator out for `lockoutMinutes`. */
      maxFailures: z.number().int().min(3).max(20).default(5),
      lockoutMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(15),
      /**
       * scrypt cost of new password hashes, as log2 N (17: 2^17, 128 MiB, a few tenths of a second).
       * Default 17 in the live profile, 12 in demo and drill; at least 14 in live. A stored hash keeps
       * the cost it was made with, so changing this never locks anyone out.
       */
      passwordCost: z.number().int().min(MIN_PASSWORD_COST).max(MAX_PASSWORD_COST).optional(),
    })
    .default({
      idleLockMinutes: 15,
      lockExpiresMinutes: 240,
      wallWithoutSignIn: false,
      maxFailures: 5,
      lockoutMinutes: 15,
    }),
  timeZone: z
    .string()
    .refine((zone) => isKnownTimeZone(zone), 'unknown IANA time zone')
    .default(DEFAULT_TIME_ZONE),
  defaultLanguage: languageSchema.default('ar'),
  intake: intakeConfigSchema.default(intakeConfigSchema.parse({})),
  /** Operator GIS layers (GeoJSON): shown on the map; named features become searchable places. */
  gisLayers: z
    .array(
      z.strictObject({
        /** Absolute, or relative to the data directory. */
        path: z.string().min(1),
        kind: z.enum(PLACE_KINDS),
        /** A feature property whose value is searchable too (e.g. `mahalla`: typing 905 finds mahalla 905). */
        searchProperty: z.string().min(1).max(64).optional(),
        /** Credit line shown in the map's credits (e.g. the data's licence notice). */
        attribution: z.string().max(300).optional(),
      }),
    )
    .max(50)
    .default([]),
  /** Place search (docs/configuration.md). */
  places: z
    .strictObject({
      /**
       * The console's area (e.g. its city's centre): place search ranks places near it first when the
       * call has no location yet. None: only the call's location counts.
       */
      area: z
        .strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
        .nullable()
        .default(null),
    })
    .default({ area: null }),
  /** The operations map. */
  map: z
    .strictObject({
      /**
       * A street-level basemap: an `.mbtiles` archive (`nida map import`) or a `.pmtiles` file (absolute,
       * or relative to the data directory). Its `FILE.places.geojson`, when present, is searchable.
       */
      streetBasemap: z.string().min(1).nullable().default(null),
    })
    .default({ streetBasemap: null }),
  /** Serial devices: the 911 telephony ALI feed, the radio gateway, GPS receivers. */
  serial: serialConfigSchema.default({ ports: [] }),
  /** The simulated telephony line (`demo:` serial paths) of the demo and drill profiles. */
  demo: demoLineConfigSchema.default(demoLineConfigSchema.parse({})),
  /** Clocks that raise an alarm in every window when they run out (docs/kpi.md, "Timers and alarms"). */
  timers: z
    .strictObject({
      /** A priority-1 incident with no unit assigned this long after it was created. */
      unassignedP1Seconds: z.number().int().min(5).max(3600).default(60),
      /** A unit en route this long without arriving. */
      enRouteMinutes: z.number().int().min(1).max(240).default(15),
      /** A unit on scene this long without a status report since it arrived. */
      onSceneMinutes: z.number().int().min(1).max(720).default(20),
      /** A call ringing this long without being answered. */
      callWaitingSeconds: z.number().int().min(5).max(3600).default(20),
    })
    .default({ unassignedP1Seconds: 60, enRouteMinutes: 15, onSceneMinutes: 20, callWaitingSeconds: 20 }),
  /** KPI reports: the center's shifts (local start times; each runs until the next one starts). */
  kpi: z.strictObject({ shifts: shiftsSchema.default([...DEFAULT_SHIFTS]) }).default({ shifts: [...DEFAULT_SHIFTS] }),
  storage: z
    .strictObject({
      /** FULL: every acknowledged incident is on disk before the dispatcher sees it saved. */
      durability: z.enum(['FULL', 'NORMAL']).default('FULL'),
      backupIntervalMinutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60)
        .default(60),
      backupsKept: z.number().int().min(1).max(10_000).default(48),
    })
    .default({ durability: 'FULL', backupIntervalMinutes: 60, backupsKept: 48 }),
  serve: z
    .strictObject({
      port: z.number().int().min(0).max(65535).default(9110),
      /** Loopback unless a center deliberately serves a wall display on its LAN. */
      bindAddress: z.string().default('127.0.0.1'),
    })
    .default({ port: 9110, bindAddress: '127.0.0.1' }),
  /** Unit positions over MQTT (docs/protocols/mqtt.md): the center's broker, or an embedded one. */
  avl: avlConfigSchema.default(avlConfigSchema.parse({})),
});

export type ConfigFile = z.infer<typeof configFileSchema>;

/** What the host is built from: the file's settings plus where the data lives. */
export interface HostConfig extends ConfigFile {
  readonly dataDir: string;
  /** Shipped data (taxonomy, gazetteer); a center's own copies in `dataDir` take precedence. */
  readonly resourcesDir: string;
  readonly operatorName: string;
  readonly version: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates `<dataDir>/nida.config.json`; a missing file means all defaults. */
export function loadConfig(dataDir: string, version: string): HostConfig {
  const path = join(dataDir, CONFIG_FILE_NAME);
  let raw: unknown = {};
  if (existsSync(path)) {
    const text = readTextFile(path);
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
    }
  }
  return parseConfig(raw, dataDir, version, path);
}

export function parseConfig(raw: unknown, dataDir: string, version: string, source = '(inline config)'): HostConfig {
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = issuesOf(parsed.error).map((issue) => `  - ${issue.path || '(root)'}: ${issue.message}`);
    throw new ConfigError(`${source} is invalid:\n${lines.join('\n')}`);
  }
  // A simulated telephony line must never feed calls into live records.
  const simulated = parsed.data.serial.ports.filter((port) => port.path.startsWith(DEMO_PORT_PREFIX));
  if (parsed.data.profile === 'live' && simulated.length > 0)
    throw new ConfigError(
      `${source} is invalid:\n  - serial.ports: ${simulated.map((port) => port.id).join(', ')} use a simulated line (${DEMO_PORT_PREFIX}…), allowed only in the demo and drill profiles`,
    );
  // Demo and drill passwords are printed at start; a live one guards callers' data.
  const cost = parsed.data.signIn.passwordCost;
  if (parsed.data.profile === 'live' && cost !== undefined && cost < MIN_LIVE_PASSWORD_COST)
    throw new ConfigError(
      `${source} is invalid:\n  - signIn.passwordCost: ${String(cost)} is below ${String(MIN_LIVE_PASSWORD_COST)} (2^${String(MIN_LIVE_PASSWORD_COST)}), the least allowed in the live profile`,
    );
  const operatorName = parsed.data.operator.name ?? safeUserName();
  return { ...parsed.data, dataDir, operatorName, version, resourcesDir: resourcesDir() };
}

/** log2 of scrypt's N for new password hashes: the configured cost, or the profile's default. */
export function passwordCostOf(config: Pick<ConfigFile, 'profile' | 'signIn'>): number {
  const cost = config.signIn.passwordCost ?? DEFAULT_PASSWORD_COST[config.profile];
  // parseConfig refuses a cheaper live cost; a demo file opened as live (`--profile live`) still gets the floor.
  return config.profile === 'live' ? Math.max(cost, MIN_LIVE_PASSWORD_COST) : cost;
}

/** What the command line may set over the file (`nida serve --center URL,… --console C2`). */
export interface ConfigOverrides {
  readonly centerServers?: readonly string[];
  readonly consoleCode?: string;
}

/** The configuration with command-line overrides, each validated as the file's field would be. */
export function withOverrides(config: HostConfig, overrides: ConfigOverrides): HostConfig {
  const problems: string[] = [];
  let { consoleCode, center } = config;
  if (overrides.consoleCode !== undefined) {
    const parsed = configFileSchema.shape.consoleCode.safeParse(overrides.consoleCode);
    if (parsed.success) consoleCode = parsed.data;
    else
      problems.push(
        `--console: ${issuesOf(parsed.error)
          .map((issue) => issue.message)
          .join('; ')}`,
      );
  }
  if (overrides.centerServers !== undefined) {
    const parsed = centerLinkConfigSchema.shape.servers.safeParse(overrides.centerServers);
    if (parsed.success) center = { ...center, servers: parsed.data };
    else
      problems.push(
        `--center: ${issuesOf(parsed.error)
          .map((issue) => issue.message)
          .join('; ')}`,
      );
  }
  if (problems.length > 0) throw new ConfigError(`invalid command line:\n  - ${problems.join('\n  - ')}`);
  return { ...config, consoleCode, center };
}

function safeUserName(): string {
  try {
    return userInfo().username || 'operator';
  } catch {
    return 'operator';
  }
}
