import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverSerialPorts } from '../../../src-main/services/serial/discovery';
import type { DiscoveredPort } from '../../../src-shared/contract/serial';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { inProcessApi } from '../../support/remoteClient';
import { createTestHost, testContext } from '../support/testHost';

// What `udevadm info -e` prints for a USB serial adapter, a built-in UART and a non-serial device.
const udevDatabase = `P: /devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/ttyUSB0/tty/ttyUSB0
N: ttyUSB0
S: serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0
E: DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/ttyUSB0/tty/ttyUSB0
E: DEVNAME=/dev/ttyUSB0
E: SUBSYSTEM=tty
E: ID_VENDOR_ENC=FTDI
E: ID_SERIAL_SHORT=A50285BI
E: ID_VENDOR_ID=0403
E: ID_MODEL_ID=6001
E: DEVLINKS=/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0

P: /devices/pnp0/00:05/tty/ttyS0
N: ttyS0
E: DEVNAME=/dev/ttyS0
E: SUBSYSTEM=tty

P: /devices/virtual/input/input3/event3
N: input/event3
E: DEVNAME=/dev/input/event3

`;

describe('serial port discovery', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  const withPath = (path: string): void => {
    const previous = process.env['PATH'];
    process.env['PATH'] = path;
    defer(() => {
      process.env['PATH'] = previous;
    });
  };

  it('given no udevadm on the PATH, when ports are discovered, then serial device nodes are listed without crashing', async () => {
    const devDir = tempDir();
    for (const name of ['ttyS0', 'ttyS10', 'ttyS2', 'ttyUSB0', 'tty1', 'null', 'ttyACM0'])
      writeFileSync(join(devDir, name), '');
    mkdirSync(join(devDir, 'serial', 'by-id'), { recursive: true });
    symlinkSync('../../ttyUSB0', join(devDir, 'serial', 'by-id', 'usb-Prolific_PL2303-if00-port0'));
    withPath(tempDir());

    const found = await discoverSerialPorts({
      platform: 'linux',
      devDir,
      configured: [{ id: 'ali', path: join(devDir, 'ttyUSB0') }],
    });

    expect(found.map((port) => port.path)).toEqual(
      ['ttyACM0', 'ttyS0', 'ttyS2', 'ttyS10', 'ttyUSB0'].map((name) => join(devDir, name)),
    );
    expect(found.every((port) => port.source === 'device-nodes')).toBe(true);
    const adapter = found.find((port) => port.path.endsWith('ttyUSB0'));
    expect(adapter).toMatchObject({ pnpId: 'usb-Prolific_PL2303-if00-port0', configuredAs: 'ali' });
  });

  it('given udevadm on the PATH, when ports are discovered, then serialport lists them from the udev database', async () => {
    const bin = tempDir();
    writeFileSync(join(bin, 'udev-database.txt'), udevDatabase);
    writeFileSync(join(bin, 'udevadm'), `#!/bin/sh\nexec cat "${join(bin, 'udev-database.txt')}"\n`);
    chmodSync(join(bin, 'udevadm'), 0o755);
    withPath(`${bin}:${process.env['PATH'] ?? ''}`);

    const found = await discoverSerialPorts({ platform: 'linux', configured: [{ id: 'radio', path: '/dev/ttyS0' }] });

    expect(found).toEqual<DiscoveredPort[]>([
      {
        path: '/dev/ttyUSB0',
        manufacturer: 'FTDI',
        serialNumber: 'A50285BI',
        vendorId: '0403',
        productId: '6001',
        pnpId: 'usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0',
        source: 'system',
        configuredAs: null,
      },
      {
        path: '/dev/ttyS0',
        manufacturer: null,
        serialNumber: null,
        vendorId: null,
        productId: null,
        pnpId: null,
        source: 'system',
        configuredAs: 'radio',
      },
    ]);
  });

  it('given the host on this machine, when a window asks for discovery, then it answers with a list', async () => {
    const { host } = createTestHost(tempDir());
    defer(() => host.dispose());

    const discovered = await inProcessApi(host, testContext).serial.discover({});

    expect(Array.isArray(discovered)).toBe(true);
  });
});
