/**
 * A TCP proxy on 127.0.0.1 in front of the server that passes what the browser sends slowly (a
 * slow line up: `bytesPerTick` every `tickMs`) and what the server answers at once. When the
 * browser drops a connection, the proxy drops its connection to the server with it, so an upload
 * is broken off at the server half way, as on a real line.
 */
import net from 'node:net';

export interface SlowProxy {
  readonly url: string;
  close(): Promise<void>;
}

export async function startSlowProxy(target: string, { bytesPerTick = 2048, tickMs = 100 } = {}): Promise<SlowProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    const queue: Buffer[] = [];
    const timer = setInterval(() => {
      let budget = bytesPerTick;
      while (budget > 0 && queue.length > 0) {
        const head = queue[0]!;
        const part = head.subarray(0, budget);
        upstream.write(part);
        budget -= part.length;
        if (part.length === head.length) queue.shift();
        else queue[0] = head.subarray(part.length);
      }
    }, tickMs);
    client.on('data', (chunk: Buffer) => queue.push(chunk));
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      clearInterval(timer);
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
