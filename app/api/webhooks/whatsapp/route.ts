import { handleMetaWebhook } from '../../../../http/meta-webhook';
import { getDeps } from '../../../../runtime/registry';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return handleMetaWebhook(request, getDeps());
}

export function POST(request: Request) {
  return handleMetaWebhook(request, getDeps());
}
