import { finishFacebookLoginRoute } from '../../../../../http/facebook-login';
import { getDeps } from '../../../../../runtime/registry';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return finishFacebookLoginRoute(request, getDeps());
}
