import { z } from 'zod';
import { buildViewer } from '../../../../auth/viewer';
import { customerMessage, postMessengerWebhook } from '../../../../demo/simulate';
import { DEMO_PAGE_ID } from '../../../../domain/seed/seed-demo';
import { getDeps } from '../../../../runtime/registry';

export const dynamic = 'force-dynamic';

const input = z.object({ text: z.string().min(1).max(1000), psid: z.string().regex(/^\d+$/).optional() });

/** The demo control: writes to the demo page as a customer would, through the real webhook. */
export async function POST(request: Request) {
  const deps = getDeps();
  const viewer = await buildViewer(deps.db, { cookie: request.headers.get('cookie'), authorization: request.headers.get('authorization') });
  if (!viewer?.permissions.has('CHATS')) return Response.json({ error: 'Sign in first.' }, { status: 401 });
  const parsed = input.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: 'Send {"text": "..."} with 1 to 1000 characters.' }, { status: 400 });
  const target = { baseUrl: `http://127.0.0.1:${deps.config.port}`, appSecret: deps.config.metaAppSecret ?? '', pageId: DEMO_PAGE_ID };
  const psid = parsed.data.psid ?? `29${Date.now().toString().slice(-13)}`;
  const response = await postMessengerWebhook(target, [customerMessage(target, psid, parsed.data.text)]);
  return Response.json({ status: response.status, psid }, { status: response.ok ? 200 : 502 });
}
