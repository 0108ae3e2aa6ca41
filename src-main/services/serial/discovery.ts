import { accessSync, constants, readdirSync, readlinkSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { SerialPort } from 'serialport';
import { z } from 'zod';
import type { DiscoveredPort } from '../../../src-shared/contract/serial';

/** Device names that are serial lines (same rule as serialport's own Linux listing). */
const serialDeviceName = /^(tty(S|WCH|ACM|USB|AMA|MFD|O|XRUSB)\d+|rfcomm\d+)$/;

export interface DiscoveryOptions {
  readonly platform?: NodeJS.Platform;
  /** Directory of device nodes. */
  readonly devDir?: string;
  /** Configured ports, so the list says which device is already in use by which port id. */
  readonly configured: readonly { readonly id: string; readonly path: string }[];
}

// What the OS device database reports is outside input like any other: checked, not trusted.
const foundPortSchema = z.object({
  path: z.string().min(1),
  manufacturer: z.string().optional(),
  serialNumber: z.string().optional(),
  pnpId: z.string().optional(),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
});
type FoundPort = z.infer<typeof foundPortSchema>;

async function listFromSystem(): Promise<FoundPort[]> {
  const listed: unknown = await SerialPort.list();
  return z.array(foundPortSchema).parse(listed);
}

function executableOnPath(name: string, searchPath: string): boolean {
  return searchPath
    .split(delimiter)
    .filter((dir) => dir.length > 0)
    .some((dir) => {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** Without udev (containers, minimal installs): serial device nodes, with their stable by-id names when present. */
function scanDeviceNodes(devDir: string): FoundPort[] {
  let names: string[];
  try {
    names = readdirSync(devDir);
  } catch {
    return [];
  }
  const byId = new Map<string, string>();
  try {
    const byIdDir = join(devDir, 'serial', 'by-id');
    for (const link of readdirSync(byIdDir)) byId.set(resolve(byIdDir, readlinkSync(join(byIdDir, link))), link);
  } catch {
    // No by-id directory: no USB serial adapters plugged in.
  }
  return names
    .filter((name) => serialDeviceName.test(name))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => {
      const path = join(devDir, name);
      const pnpId = byId.get(path);
      return pnpId === undefined ? { path } : { path, pnpId };
    });
}

/**
 * The serial devices this machine has, for the settings view. `SerialPort.list()` on Linux spawns
 * `udevadm` and crashes the whole process with an unhandled 'error' event when it is missing, so it is
 * only called when `udevadm` is on the PATH; otherwise the device nodes are listed directly.
 */
export async function discoverSerialPorts(options: DiscoveryOptions): Promise<DiscoveredPort[]> {
  const platform = options.platform ?? process.platform;
  const useUdev = platform !== 'linux' || executableOnPath('udevadm', process.env['PATH'] ?? '');
  const found: FoundPort[] = useUdev ? await listFromSystem() : scanDeviceNodes(options.devDir ?? '/dev');
  const inUse = new Map(options.configured.map((port) => [port.path, port.id]));
  return found.map((port) => ({
    path: port.path,
    manufacturer: port.manufacturer ?? null,
    serialNumber: port.serialNumber ?? null,
    vendorId: port.vendorId ?? null,
    productId: port.productId ?? null,
    pnpId: port.pnpId ?? null,
    source: useUdev ? 'system' : 'device-nodes',
    configuredAs: inUse.get(port.path) ?? null,
  }));
}
