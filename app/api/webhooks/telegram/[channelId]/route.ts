import { handleTelegramWebhook } from '../../../../../http/telegram-webhook';
import { getDeps } from '../../../../../runtime/registry';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ channelId: string }> }) {
  return handleTelegramWebhook(request, getDeps(), (await params).channelId);
}
