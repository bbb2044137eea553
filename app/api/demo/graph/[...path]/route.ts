import { handleDemoGraphRequest } from '../../../../../demo/routes';
import { getDeps } from '../../../../../runtime/registry';

export const dynamic = 'force-dynamic';

function handle(request: Request) {
  return handleDemoGraphRequest(request, getDeps());
}

export { handle as GET, handle as POST };
