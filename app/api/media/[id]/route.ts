import { serveMedia } from '../../../../http/media';
import { getDeps } from '../../../../runtime/registry';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return serveMedia(request, getDeps(), (await params).id);
}
