import { handleDemoSimulate } from '../../../../demo/routes';
import { getDeps } from '../../../../runtime/registry';

export const dynamic = 'force-dynamic';

/** The demo control: writes to the demo page as a customer would, through the real webhook. */
export function POST(request: Request) {
  return handleDemoSimulate(request, getDeps());
}
