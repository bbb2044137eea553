import { handleDemoGraph } from '../../../../../demo/graph-api';
import { getDeps } from '../../../../../runtime/registry';

export const dynamic = 'force-dynamic';

function handle(request: Request) {
  const { config } = getDeps();
  return handleDemoGraph(request, { baseUrl: `http://127.0.0.1:${config.port}`, appSecret: config.metaAppSecret ?? '' });
}

export { handle as GET, handle as POST };
