import { z } from 'zod';

/** Serial port paths starting with this are simulated lines (demo telephony), not devices. */
export const DEMO_PORT_PREFIX = 'demo:';
/**
 * The drill's scripted lines (drill profile): the telephony system on an `ali` port, the radio
 * gateway on a `radio` port, both played by the drill runner (services/drill/drillLines.ts).
 */
export const DRILL_PORT_PATH = 'demo:drill';

/** One serial device: the 911 telephony ALI feed, the radio gateway or a GPS receiver. */
export const serialPortConfigSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/, 'a short lower-case id, e.g. ali or radio'),
  path: z.string().min(1),
  protocol: z.enum(['ali', 'radio', 'nmea']),
  baudRate: z.number().int().positive().default(9600),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).default(1),
  flowControl: z.enum(['none', 'rtscts', 'xonxoff']).default('none'),
  /** ALI layout: a template in `<data>/ali-templates/` or `resources/ali-templates/`. */
  template: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  /**
   * NMEA receivers: the unit whose vehicle modem this is. Without it the receiver is the
   * console's own location (a mobile command post), shown as `console-<code>`.
   */
  unitId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/)
    .optional(),
  /**
   * NMEA receivers: the sentence that ends each reporting cycle (often RMC or GLL). With it a fix
   * is sent the moment the cycle ends; without it, when the next cycle begins (one interval later).
   */
  cycleEnd: z.enum(['GGA', 'RMC', 'GLL', 'VTG', 'GSA', 'GNS', 'ZDA']).optional(),
});

export type SerialPortConfig = z.infer<typeof serialPortConfigSchema>;

/** `serial` in nida.config.json. */
export const serialConfigSchema = z.strictObject({
  ports: z.array(serialPortConfigSchema).max(16).default([]),
});

export type SerialConfig = z.infer<typeof serialConfigSchema>;

/**
 * `demo` in nida.config.json: the simulated telephony line (`demo:` serial paths) of the demo and drill
 * profiles, and how the demo's simulated crews work their incidents (`nida demo`).
 */
export const demoLineConfigSchema = z.strictObject({
  /** Mean time between simulated calls: one call every 2–3 minutes is what one dispatcher can handle. */
  callIntervalSeconds: z.number().min(0.1).max(3600).default(150),
  /** The same seed replays the same calls (a drill can be repeated exactly). */
  seed: z.number().int().min(0).default(911),
  /** The first call rings this soon after start, so a newcomer sees one at once. */
  firstCallAfterSeconds: z.number().min(0).max(3600).default(3),
  /** Mean minutes a simulated crew stays on scene before it clears (longer for civil defence, shorter for ambulances). */
  onSceneMinutes: z.number().min(0.05).max(240).default(8),
  /** Mean minutes a simulated ambulance crew stays at the hospital after a transport. */
  atHospitalMinutes: z.number().min(0.05).max(240).default(6),
});

export type DemoLineConfig = z.infer<typeof demoLineConfigSchema>;
