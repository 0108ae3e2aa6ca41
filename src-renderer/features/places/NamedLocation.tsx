import { useEffect, useState } from 'react';
import type { RemoteApi } from '../../../src-shared/contract/api';
import type { LatLon } from '../../../src-shared/domain/geo';
import { formatLocationName, type LocationName } from '../../../src-shared/domain/locationNames';
import { useRemote } from '../../app/RemoteContext';
import { currentLanguage } from '../../i18n';
import { runTask } from '../../store/errors/errorStore';

/** Names asked of the host, by point: a queue re-renders every second and must not ask again. */
const askedNames = new Map<string, Promise<LocationName>>();
const MAX_ASKED_NAMES = 500;

const pointKey = (point: LatLon): string => `${point.lat.toFixed(5)},${point.lon.toFixed(5)}`;

function askName(remote: RemoteApi, point: LatLon): Promise<LocationName> {
  const key = pointKey(point);
  const known = askedNames.get(key);
  if (known !== undefined) return known;
  if (askedNames.size >= MAX_ASKED_NAMES) askedNames.clear();
  const asked = remote.place.at({ lat: point.lat, lon: point.lon });
  // A failed ask is not remembered: the point is asked again when next shown.
  asked.catch(() => askedNames.delete(key));
  askedNames.set(key, asked);
  return asked;
}

/**
 * The neighbourhood, sub-district, district and governorate of a point, as the host names it
 * (`place.at`); null until known, and for no point.
 */
export function useLocationName(point: LatLon | null | undefined): LocationName | null {
  const remote = useRemote();
  const [named, setNamed] = useState<{ key: string; name: LocationName } | null>(null);
  const key = point ? pointKey(point) : null;
  const lat = point?.lat;
  const lon = point?.lon;
  useEffect(() => {
    if (key === null || lat === undefined || lon === undefined) return;
    let current = true;
    runTask(
      askName(remote, { lat, lon }).then((name) => {
        if (current) setNamed({ key, name });
      }),
    );
    return () => {
      current = false;
    };
  }, [remote, key, lat, lon]);
  return named !== null && named.key === key ? named.name : null;
}

/**
 * A named location in the UI language (`الكرادة، الرصافة، بغداد`); nothing when it names nothing
 * (a point outside Iraq, an incident recorded before locations were named).
 */
export function NamedLocationText(props: { name: LocationName | null; testId: string; className?: string }) {
  const text = props.name === null ? '' : formatLocationName(props.name, currentLanguage());
  if (text === '') return null;
  return (
    <bdi className={props.className} data-testid={props.testId}>
      {text}
    </bdi>
  );
}
