import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Deps } from '../../domain/deps';
import { serveMedia } from '../../http/media';
import { handleMetaWebhook } from '../../http/meta-webhook';
import { handleTelegramWebhook } from '../../http/telegram-webhook';

/**
 * Serves our webhook handlers (Meta, Telegram) and the media route (`/api/media/<id>`, for
 * platforms that download our files by signed link) over real HTTP, so a fake platform can call them.
 */
export async function serveMetaWebhook(deps: Deps) {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
    });
    const telegram = req.url?.match(/^\/api\/webhooks\/telegram\/([^/?]+)/);
    const media = req.url?.match(/^\/api\/media\/([^/?]+)/);
    const handled = media
      ? serveMedia(request, deps, media[1])
      : telegram
        ? handleTelegramWebhook(request, deps, telegram[1])
        : handleMetaWebhook(request, deps);
    const response = await handled.catch(() => new Response('error', { status: 500 }));
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
