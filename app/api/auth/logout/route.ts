import { signOut } from '../../../../http/sign-in';
import { getDeps } from '../../../../runtime/registry';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  return signOut(request, getDeps());
}
