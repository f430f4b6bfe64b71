import { kit } from '../../../../lib/kit';

// README:
export const GET = (request: Request) => kit.fetch(request),
  POST = GET;
