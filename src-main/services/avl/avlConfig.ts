import { z } from 'zod';
import { defaultTopicPatterns, isValidTopicFilter } from '../../../src-shared/domain/avl/payloads';
import { IRAQ_REGION } from '../../../src-shared/domain/avl/plausibility';

const topicFilters = (defaults: readonly string[]) =>
  z
    .array(z.string().refine(isValidTopicFilter, 'an MQTT topic filter (`+` one level, `#` last)'))
    .max(20)
    .default([...defaults]);

/** A file path, absolute or relative to the data directory. */
const filePath = z.string().min(1).max(1000);

/** The center's MQTT broker. Absent: Nida runs an embedded broker (see `embedded`). */
export const brokerConfigSchema = z.strictObject({
  url: z.string().regex(/^(mqtt|mqtts|ws|wss):\/\/[^\s/]+(:\d+)?(\/.*)?$/, 'an mqtt://, mqtts://, ws:// or wss:// URL'),
  /** Fixed, so the broker keeps this console's session (and queues positions) while it is away. Default `nida-<center>-<console>`. */
  clientId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .optional(),
  username: z.string().min(1).max(200).optional(),
  password: z.string().max(500).optional(),
  /** CA certificate (PEM) for `mqtts://`; the system store when absent. */
  ca: filePath.optional(),
  /** Client certificate and key (PEM) for brokers that authenticate clients by certificate. */
  cert: filePath.optional(),
  key: filePath.optional(),
  /** MQTT 5, falling back to 3.1.1 when the broker refuses it. `4` starts at 3.1.1. */
  protocolVersion: z.union([z.literal(5), z.literal(4)]).default(5),
  /** How long the broker keeps the session (subscriptions and queued QoS 1 positions) while Nida is away. */
  sessionExpirySeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .default(3600),
  keepaliveSeconds: z.number().int().min(5).max(600).default(30),
});
export type BrokerConfig = z.infer<typeof brokerConfigSchema>;

export const avlConfigSchema = z
  .strictObject({
    broker: brokerConfigSchema.nullable().default(null),
    /** The in-process broker used when no broker is configured (loopback only). */
    embedded: z
      .strictObject({
        port: z.number().int().min(0).max(65535).default(1883),
        /**
         * Loopback only: the embedded broker has no TLS and no per-unit accounts, so units on the
         * network connect to a center broker (`avl.broker`) instead.
         */
        bindAddress: z
          .string()
          .default('127.0.0.1')
          .refine((address) => /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/i.test(address), {
            error:
              'the embedded broker listens on loopback only (127.0.0.1, ::1 or localhost): it has no TLS and no ' +
              'per-unit accounts; for trackers on the network configure a center broker in avl.broker',
          }),
      })
      .default({ port: 1883, bindAddress: '127.0.0.1' }),
    topics: z
      .strictObject({
        nida: topicFilters(defaultTopicPatterns.nida),
        owntracks: topicFilters(defaultTopicPatterns.owntracks),
        traccar: topicFilters(defaultTopicPatterns.traccar),
      })
      .default({
        nida: [...defaultTopicPatterns.nida],
        owntracks: [...defaultTopicPatterns.owntracks],
        traccar: [...defaultTopicPatterns.traccar],
      }),
    /** Fixes outside this box are refused (default: Iraq). */
    region: z
      .strictObject({
        minLat: z.number().min(-90).max(90),
        maxLat: z.number().min(-90).max(90),
        minLon: z.number().min(-180).max(180),
        maxLon: z.number().min(-180).max(180),
      })
      .refine((r) => r.minLat < r.maxLat && r.minLon < r.maxLon, 'min must be below max')
      .default({ ...IRAQ_REGION }),
    /** A fix implying more than this speed since the unit's previous fix is refused, m/s. */
    maxSpeedMps: z.number().positive().max(1000).default(100),
    staleAfterSeconds: z.number().int().min(5).max(3600).default(60),
    lostAfterSeconds: z.number().int().min(10).max(86_400).default(300),
    /** Windows get changed positions at most this often (merged per unit). */
    publishIntervalMs: z.number().int().min(50).max(5000).default(250),
    trail: z
      .strictObject({
        minIntervalSeconds: z.number().min(1).max(3600).default(15),
        minDistanceM: z.number().min(1).max(10_000).default(50),
        retentionDays: z.number().int().min(1).max(3650).default(30),
      })
      .default({ minIntervalSeconds: 15, minDistanceM: 50, retentionDays: 30 }),
    /** Reconnect backoff: doubles from `minMs` up to `maxMs`, with jitter. */
    reconnect: z
      .strictObject({
        minMs: z.number().int().min(10).max(60_000).default(1000),
        maxMs: z.number().int().min(100).max(600_000).default(30_000),
      })
      .default({ minMs: 1000, maxMs: 30_000 })
      .refine((r) => r.minMs <= r.maxMs, 'minMs must not be above maxMs'),
  })
  .refine((avl) => avl.lostAfterSeconds > avl.staleAfterSeconds, {
    error: 'lostAfterSeconds must be longer than staleAfterSeconds',
    path: ['lostAfterSeconds'],
  });
export type AvlConfig = z.infer<typeof avlConfigSchema>;
