import { SerialPort } from 'serialport';
import type { SerialConnection, SerialPortConfig } from './portManager';

/** Opens a real port with the `serialport` package (kernel tty: a USB adapter, a COM port, a pty in tests). */
export async function openSerialPort(config: SerialPortConfig): Promise<SerialConnection> {
  const port = new SerialPort({
    path: config.path,
    baudRate: config.baudRate,
    dataBits: config.dataBits,
    parity: config.parity,
    stopBits: config.stopBits,
    rtscts: config.flowControl === 'rtscts',
    xon: config.flowControl === 'xonxoff',
    xoff: config.flowControl === 'xonxoff',
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => {
    port.open((error) => (error ? reject(error) : resolve()));
  });
  return {
    onData: (listener) => port.on('data', (chunk: Buffer) => listener(chunk)),
    onEnd: (listener) => {
      port.on('error', (error: Error) => listener(error.message));
      port.on('close', () => listener('port closed (unplugged?)'));
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) {
          resolve();
          return;
        }
        port.close(() => resolve());
      }),
  };
}
