import { useEffect, useState } from 'react';
import { useConnectionStore } from '../store/connection/connectionStore';

/** The host's current time (window clock corrected by the measured offset), ticking each `intervalMs`. */
export function useHostNow(intervalMs = 1_000): number {
  const offset = useConnectionStore((state) => state.clockOffsetMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now + offset;
}
