import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder';
import { withSyncNodeIds } from './ids';
import './types/role';
import './types/employee';
import './types/api-key';
import './types/channel';
import './types/facebook-login';
import './types/chat';
import './types/message';
import './types/comment';
import './types/client';
import './types/inbox-events';
import './types/call';

export const schema = withSyncNodeIds(lexicographicSortSchema(builder.toSchema()));
