/**
 * A stand-in for the credit platform the example worker asks (`GET /credit/<证件号码>`), on
 * 127.0.0.1: it answers "not blacklisted" (or blacklisted for the numbers listed), or, while
 * `hang` is set, holds the request open — a worker waiting on it is a worker mid-task.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export class CreditPlatform {
  /** Hold requests open instead of answering. */
  hang = false;
  /** Numbers on the blacklist. */
  readonly blacklist = new Set<string>();
  /** The numbers asked, in order. */
  readonly asked: string[] = [];
  readonly #server: http.Server;
  readonly #sockets = new Set<Socket>();

  private constructor(server: http.Server) {
    this.#server = server;
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(): Promise<CreditPlatform> {
    const holder: { platform?: CreditPlatform } = {};
    const server = http.createServer((req, res) => holder.platform!.handle(req, res));
    holder.platform = new CreditPlatform(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return holder.platform;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const id = decodeURIComponent(/^\/credit\/(.+)$/.exec(req.url ?? '')?.[1] ?? '');
    this.asked.push(id);
    if (this.hang) return;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        blacklisted: this.blacklist.has(id),
        ...(this.blacklist.has(id) ? { reason: '法院失信被执行人' } : {}),
      }),
    );
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
