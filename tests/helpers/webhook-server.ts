import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Deps } from '../../domain/deps';
import { serveMedia } from '../../http/media';
import { serveWebhook, webhookHandler } from '../../http/webhook-routes';

/**
 * Serves our webhook handlers (Meta, Telegram) and the media route (`/api/media/<id>`, for
 * platforms that download our files by signed link) over real HTTP, so a fake platform can call them.
 */
export async function serveMetaWebhook(deps: Deps) {
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const webhook = webhookHandler(path);
    // the webhooks exactly as server.ts serves them
    if (webhook) return void serveWebhook(req, res, webhook, { deps });
    const media = path.match(/^\/api\/media\/([^/]+)$/);
    if (!media) return void res.writeHead(404).end();
    const response = await serveMedia(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers as Record<string, string> }), deps, media[1]).catch(
      () => new Response('error', { status: 500 }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/api/webhooks/meta`,
    whatsappUrl: `http://127.0.0.1:${port}/api/webhooks/whatsapp`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
