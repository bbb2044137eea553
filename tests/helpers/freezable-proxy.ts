import net from 'node:net';

/**
 * A TCP relay in front of PostgreSQL that can go silent: while frozen, bytes are held in both
 * directions and new connections are accepted but not relayed, as in a network partition (no reset,
 * no error, just no answer). Thawing delivers what was held.
 */
export async function startFreezableProxy(target: { host: string; port: number }) {
  let frozen = false;
  const thaws = new Set<() => void>();
  const sockets = new Set<net.Socket>();
  const relay = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk) => {
      if (!frozen) return void to.write(chunk);
      from.pause();
      thaws.add(() => {
        to.write(chunk);
        from.resume();
      });
    });
    from.on('close', () => to.destroy());
    from.on('error', () => to.destroy());
  };
  const server = net.createServer((client) => {
    const connect = () => {
      const upstream = net.connect(target.port, target.host);
      sockets.add(client).add(upstream);
      relay(client, upstream);
      relay(upstream, client);
    };
    if (frozen) {
      client.pause();
      thaws.add(() => {
        connect();
        client.resume();
      });
    } else connect();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    freeze() {
      frozen = true;
    },
    thaw() {
      frozen = false;
      for (const thaw of thaws) thaw();
      thaws.clear();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
