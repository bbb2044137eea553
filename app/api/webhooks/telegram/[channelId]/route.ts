import { guardWebhook } from '../../../../../http/webhook-guard';
import { handleTelegramWebhook } from '../../../../../http/telegram-webhook';
import { getDeps, getRuntime } from '../../../../../runtime/registry';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ channelId: string }> }) {
  const { channelId } = await params;
  return guardWebhook(getRuntime().availability, () => handleTelegramWebhook(request, getDeps(), channelId));
}
