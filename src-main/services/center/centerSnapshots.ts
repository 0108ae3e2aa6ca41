import { gunzipSync, gzipSync } from 'node:zlib';
import type { NatsConnection } from '@nats-io/transport-node';
import { Objm } from '@nats-io/obj';
import { snapshotSchema, type Snapshot } from '../store/snapshot';
import type { CenterNames } from './centerConfig';

/** The one object in the center's snapshot store: the latest replaces the one before. */
const SNAPSHOT_OBJECT = 'latest.json.gz';

export interface StoredSnapshot {
  readonly streamSeq: number;
  readonly bytes: number;
}

/** Stores a snapshot (gzip JSON) in the center's object store (docs/center.md, "Joining"). */
export async function putSnapshot(nc: NatsConnection, names: CenterNames, snapshot: Snapshot): Promise<StoredSnapshot> {
  const data = gzipSync(Buffer.from(JSON.stringify(snapshot), 'utf8'));
  const objects = await new Objm(nc).open(names.snapshotsBucket);
  await objects.putBlob(
    { name: SNAPSHOT_OBJECT, description: `stream ${String(snapshot.streamSeq)} by ${snapshot.takenBy}` },
    data,
  );
  return { streamSeq: snapshot.streamSeq, bytes: data.byteLength };
}

/** The stream sequence of the stored snapshot (0: none yet), without reading it. */
export async function storedSnapshotSeq(nc: NatsConnection, names: CenterNames): Promise<number> {
  const info = await (await new Objm(nc).open(names.snapshotsBucket)).info(SNAPSHOT_OBJECT);
  if (!info || info.deleted) return 0;
  return Number(/stream (\d+)/.exec(info.description ?? '')?.[1] ?? 0);
}

/**
 * Reads and validates the stored snapshot: null when there is none; an error naming the problem when
 * it is unreadable or of another center (the caller then replays the stream instead).
 */
export async function getSnapshot(
  nc: NatsConnection,
  names: CenterNames,
  centerCode: string,
): Promise<{ readonly snapshot: Snapshot; readonly bytes: number } | null> {
  const objects = await new Objm(nc).open(names.snapshotsBucket);
  const info = await objects.info(SNAPSHOT_OBJECT);
  if (!info || info.deleted) return null;
  const blob = await objects.getBlob(SNAPSHOT_OBJECT);
  if (!blob) return null;
  const parsed = snapshotSchema.safeParse(JSON.parse(gunzipSync(blob).toString('utf8')));
  if (!parsed.success) throw new Error(`the center snapshot is unreadable: ${parsed.error.message}`);
  if (parsed.data.center !== centerCode)
    throw new Error(`the snapshot is of center ${parsed.data.center}, not ${centerCode}`);
  return { snapshot: parsed.data, bytes: blob.byteLength };
}
