/**
 * PostgreSQL going away as a node sees it when it restarts, made by a TCP proxy in the test process rather
 * than by restarting the machine's PostgreSQL (other runs share it): cutting the proxy drops every open
 * connection and refuses new ones; opening it again (on the same port) lets them through.
 */
import net from 'node:net';

/** A TCP proxy to PostgreSQL that can be cut (every connection dropped, new ones refused) and restored. */
export class CuttableProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  /** `url` as reached through the proxy. */
  url = '';

  constructor(private readonly upstream: { host: string; port: number }) {}

  /** An open proxy to the PostgreSQL server of `url`. */
  static async to(url: string): Promise<CuttableProxy> {
    const direct = new URL(url);
    const proxy = new CuttableProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    await proxy.open();
    const viaProxy = new URL(url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    proxy.url = viaProxy.toString();
    return proxy;
  }

  async open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.upstream);
      for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
        this.sockets.add(from);
        from.pipe(to);
        from.on('error', () => to.destroy());
        from.on('close', () => {
          this.sockets.delete(from);
          to.destroy();
        });
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server!;
    this.server = undefined;
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  async close(): Promise<void> {
    if (this.server) await this.cut();
  }
}
