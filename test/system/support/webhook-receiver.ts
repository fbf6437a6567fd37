/**
 * A webhook receiver on 127.0.0.1, as a department's or the province's system runs one: it keeps
 * every request (headers and the raw body), answers the next statuses it is told to (e.g. three
 * 500s), then 200.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly headers: http.IncomingHttpHeaders;
  readonly raw: string;
  readonly status: number;
}

export class WebhookReceiver {
  /** Statuses to answer before 200s, in order. */
  readonly failures: number[] = [];
  readonly requests: ReceivedRequest[] = [];
  readonly #server: http.Server;

  private constructor(server: http.Server) {
    this.#server = server;
  }

  static async start(): Promise<WebhookReceiver> {
    const holder: { receiver?: WebhookReceiver } = {};
    const server = http.createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        const receiver = holder.receiver!;
        const status = receiver.failures.shift() ?? 200;
        receiver.requests.push({ headers: req.headers, raw, status });
        res.writeHead(status).end();
      });
    });
    holder.receiver = new WebhookReceiver(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return holder.receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/matterflow`;
  }

  /** The bodies answered 200, parsed. */
  delivered<T>(): T[] {
    return this.requests.filter((r) => r.status === 200).map((r) => JSON.parse(r.raw) as T);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
