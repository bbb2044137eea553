import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { buildViewer } from '../auth/viewer';
import { canSeeChannel } from '../domain/access';
import type { Deps } from '../domain/deps';
import { DEMO_PAGE_ID } from '../domain/seed/seed-demo';
import { handleDemoGraph } from './graph-api';
import { customerMessage, postMessengerWebhook } from './simulate';

import { findDemoChannel } from '../domain/seed/demo-channel';

// kept importable from here (the demo routes and their tests)
export { findDemoChannel };

const simulateInput = z.object({ text: z.string().min(1).max(1000), psid: z.string().regex(/^\d+$/).optional() });

/**
 * `POST /api/demo/simulate`: a customer writes to the demo page, through the real webhook. Only
 * while the demo page exists, only for a viewer with the Chats permission and access to it (one
 * without it gets the same 404 as when there is no demo page), and only as JSON, so no form on
 * another site can post it with an operator's cookie.
 */
export async function handleDemoSimulate(request: Request, deps: Deps, webhookBaseUrl = `http://127.0.0.1:${deps.config.port}`): Promise<Response> {
  const viewer = await buildViewer(deps.db, { cookie: request.headers.get('cookie'), authorization: request.headers.get('authorization') });
  if (!viewer) return Response.json({ error: 'Sign in first.' }, { status: 401 });
  if (!viewer.permissions.has('CHATS')) return Response.json({ error: `Your role "${viewer.roleName}" lacks the CHATS permission.` }, { status: 403 });
  const demo = await findDemoChannel(deps);
  if (!demo || !canSeeChannel(viewer, demo.id)) return Response.json({ error: 'There is no demo page on this server that you can use.' }, { status: 404 });
  if (!request.headers.get('content-type')?.toLowerCase().startsWith('application/json')) {
    return Response.json({ error: 'Send JSON (Content-Type: application/json).' }, { status: 415 });
  }
  const parsed = simulateInput.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: 'Send {"text": "..."} with 1 to 1000 characters.' }, { status: 400 });
  const target = { baseUrl: webhookBaseUrl, appSecret: deps.config.metaAppSecret ?? '', pageId: DEMO_PAGE_ID };
  const psid = parsed.data.psid ?? `29${Date.now().toString().slice(-13)}`;
  const response = await postMessengerWebhook(target, [customerMessage(target, psid, parsed.data.text)]);
  return Response.json({ status: response.status, psid }, { status: response.ok ? 200 : 502 });
}

/**
 * `/api/demo/graph/*`: the demo Graph API (decision 004). Our own server is its only client, so it
 * needs no sign-in, but it answers only while the demo page exists and only to a call carrying
 * that page's stored access token, as the real Graph API would; anyone else gets Graph's
 * "invalid token" error and nothing is sent back to our webhook.
 */
export async function handleDemoGraphRequest(request: Request, deps: Deps, webhookBaseUrl = `http://127.0.0.1:${deps.config.port}`): Promise<Response> {
  const demo = await findDemoChannel(deps);
  if (!demo) return Response.json({ error: { message: 'Unknown path in the demo Graph API', type: 'GraphMethodException', code: 100 } }, { status: 404 });
  const token = new URL(request.url).searchParams.get('access_token') ?? request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
  if (!sameSecret(token, demo.accessToken)) {
    return Response.json({ error: { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 } }, { status: 400 });
  }
  return handleDemoGraph(request, { baseUrl: webhookBaseUrl, appSecret: deps.config.metaAppSecret ?? '' });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
