import { servePostPicture } from '../../../../http/avatars';
import { getDeps } from '../../../../runtime/registry';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return servePostPicture(request, getDeps(), (await params).id);
}
