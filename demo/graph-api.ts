import { randomBytes } from 'node:crypto';
import { DEMO_PAGE_ID } from '../domain/seed/seed-demo';
import { deliveryReceipt, postMessengerWebhook, readReceipt, type SimulateTarget } from './simulate';

/**
 * A stand-in for the Graph API that only the seeded demo page talks to, so `npm start` shows a
 * whole round trip offline: a reply is accepted, then delivered and read receipts come back as
 * signed webhooks, the way Messenger sends them.
 */
export async function handleDemoGraph(request: Request, target: Omit<SimulateTarget, 'pageId'>): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.replace(/^\/api\/demo\/graph\/v\d+\.\d+\//, '');
  const json = (status: number, body: unknown) => Response.json(body, { status });

  if (request.method === 'POST' && (path === 'me/messages' || path.endsWith('/messages'))) {
    const body = (await readSendBody(request)) as { recipient?: { id?: string }; message?: unknown; sender_action?: string } | null;
    const psid = body?.recipient?.id;
    if (!psid) return json(400, { error: { message: '(#100) The parameter recipient is required', type: 'OAuthException', code: 100 } });
    if (body.sender_action) return json(200, { recipient_id: psid });
    const mid = `m_demo_${randomBytes(9).toString('base64url')}`;
    const hook = { ...target, pageId: DEMO_PAGE_ID };
    setTimeout(() => void postMessengerWebhook(hook, [deliveryReceipt(hook, psid, [mid])]).catch(() => {}), 1200).unref();
    setTimeout(() => void postMessengerWebhook(hook, [readReceipt(hook, psid)]).catch(() => {}), 2800).unref();
    return json(200, { recipient_id: psid, message_id: mid });
  }
  if (request.method === 'POST' && path.endsWith('/subscribed_apps')) return json(200, { success: true });
  if (request.method === 'GET' && path.endsWith('/subscribed_apps')) return json(200, { data: [{ id: 'demo-app', name: 'Chats (demo)', subscribed_fields: ['messages'] }] });
  if (request.method === 'GET' && /^\d+$/.test(path)) {
    return json(200, { id: path, name: 'Fix-It Repair Shop (demo)', first_name: 'Demo', last_name: 'Customer' });
  }
  return json(404, { error: { message: 'Unknown path in the demo Graph API', type: 'GraphMethodException', code: 100 } });
}

/** A Send API body: JSON, or multipart when a file is uploaded with the message (`filedata`). */
async function readSendBody(request: Request): Promise<unknown> {
  if (!request.headers.get('content-type')?.toLowerCase().includes('multipart/form-data')) return request.json().catch(() => null);
  const form = await request.formData().catch(() => null);
  const recipient = form?.get('recipient');
  if (typeof recipient !== 'string') return null;
  try {
    return { recipient: JSON.parse(recipient), message: {} };
  } catch {
    return null;
  }
}
