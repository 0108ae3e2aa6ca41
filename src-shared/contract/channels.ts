import type { z } from 'zod';
import type { Api, ArgsOf, Domain } from './api';
import {
  alarmSchemas,
  avlSchemas,
  dispatchSchemas,
  callSchemas,
  incidentSchemas,
  intakeSchemas,
  layoutSchemas,
  placeSchemas,
  serialSchemas,
  systemSchemas,
  taxonomySchemas,
  unitSchemas,
  kpiSchemas,
  eidoSchemas,
  centerSchemas,
  operatorSchemas,
  sessionSchemas,
  drillSchemas,
} from './schemas';

/** One zod schema per channel; the mapped type makes a missing or mistyped one a compile error. */
export type ChannelSchemas = {
  readonly [D in Domain]: { readonly [M in keyof Api[D]]: z.ZodType<ArgsOf<Api[D][M]>> };
};

export const channelSchemas: ChannelSchemas = {
  session: sessionSchemas,
  operator: operatorSchemas,
  system: systemSchemas,
  incident: incidentSchemas,
  call: callSchemas,
  intake: intakeSchemas,
  taxonomy: taxonomySchemas,
  place: placeSchemas,
  alarm: alarmSchemas,
  serial: serialSchemas,
  unit: unitSchemas,
  avl: avlSchemas,
  dispatch: dispatchSchemas,
  kpi: kpiSchemas,
  eido: eidoSchemas,
  layout: layoutSchemas,
  center: centerSchemas,
  drill: drillSchemas,
};

/** Splits `domain.method`; null for anything that is not a known channel. */
export function resolveChannel(channel: string): { domain: Domain; method: string; schema: z.ZodType } | null {
  const dot = channel.indexOf('.');
  if (dot <= 0) return null;
  const domain = channel.slice(0, dot);
  const method = channel.slice(dot + 1);
  if (!Object.hasOwn(channelSchemas, domain)) return null;
  const schemas = channelSchemas[domain as Domain] as Readonly<Record<string, z.ZodType>>;
  if (!Object.hasOwn(schemas, method)) return null;
  const schema = schemas[method];
  return schema ? { domain: domain as Domain, method, schema } : null;
}
