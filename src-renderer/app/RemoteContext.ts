import { createContext, useContext } from 'react';
import type { RemoteApi } from '../../src-shared/contract/api';

export const RemoteContext = createContext<RemoteApi | null>(null);

/** The typed host proxy for components that call the host. */
export function useRemote(): RemoteApi {
  const remote = useContext(RemoteContext);
  if (!remote) throw new Error('useRemote outside <RemoteContext>');
  return remote;
}
