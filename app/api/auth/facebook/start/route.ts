import { startFacebookLoginRoute } from '../../../../../http/facebook-login';
import { getDeps } from '../../../../../runtime/registry';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return startFacebookLoginRoute(request, getDeps());
}
