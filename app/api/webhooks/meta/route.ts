import { guardWebhook } from '../../../../http/webhook-guard';
import { handleMetaWebhook } from '../../../../http/meta-webhook';
import { getDeps, getRuntime } from '../../../../runtime/registry';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return handleMetaWebhook(request, getDeps());
}

export function POST(request: Request) {
  return guardWebhook(getRuntime().availability, () => handleMetaWebhook(request, getDeps()));
}
