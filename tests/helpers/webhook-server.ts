import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Deps } from '../../domain/deps';
import { handleMetaWebhook } from '../../http/meta-webhook';

/** Serves our Meta webhook handler over real HTTP, so a fake platform can call it. */
export async function serveMetaWebhook(deps: Deps) {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
    });
    const response = await handleMetaWebhook(request, deps).catch(() => new Response('error', { status: 500 }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/meta`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
