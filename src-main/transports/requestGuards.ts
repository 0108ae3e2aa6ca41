import { timingSafeEqual } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';

/**
 * Who may talk to the console server. Every HTTP request and WebSocket upgrade must name one of
 * the host's own addresses in its Host header, so a page whose DNS name was rebound to this
 * machine (its Host is the attacker's name) gets 421; browsers' Origin must be one of the same
 * addresses. With a wildcard bind (`0.0.0.0`, `::`), the machine's own interface addresses and
 * its host name are the addresses a LAN client may use.
 */
export interface AllowedHosts {
  /** `host:port` values a request may name, lower case. */
  readonly hosts: ReadonlySet<string>;
  /** `http://host:port` origins a browser page may come from. */
  readonly origins: ReadonlySet<string>;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'] as const;
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

function withPort(name: string, port: number): string {
  const bare = name.replace(/^\[|\]$/g, '').toLowerCase();
  return `${bare.includes(':') ? `[${bare}]` : bare}:${String(port)}`;
}

/** The machine's own addresses and name, for a wildcard bind. */
function machineNames(): string[] {
  const addresses = Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .map((entry) => entry.address.replace(/%.*$/, '')); // an IPv6 zone id never appears in a Host header
  return [...addresses, hostname()];
}

export function allowedHostsFor(bindAddress: string, port: number): AllowedHosts {
  const names = [...LOOPBACK_NAMES, ...(WILDCARDS.has(bindAddress) ? machineNames() : [bindAddress])];
  const hosts = new Set(names.map((name) => withPort(name, port)));
  const origins = new Set([...hosts].map((host) => `http://${host}`));
  // On port 80 browsers leave the port out of both headers.
  if (port === 80) {
    for (const host of [...hosts]) {
      const bare = host.replace(/:80$/, '');
      hosts.add(bare);
      origins.add(`http://${bare}`);
    }
  }
  return { hosts, origins };
}

export function isAllowedHost(allowed: AllowedHosts, header: string | undefined): boolean {
  return header !== undefined && allowed.hosts.has(header.trim().toLowerCase());
}

/** Compares a presented secret with the expected one in constant time. */
export function tokensMatch(expected: string, presented: string | null | undefined): boolean {
  if (presented === null || presented === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer …` header, as the renderer sends it for /map/ files. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
