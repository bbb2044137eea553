import './focus-ring.css';
import type { ReactNode } from 'react';
import { AppShell } from '../../components/shell/app-shell';
import { BrowserTimeZone } from '../../components/providers/browser-time-zone';
import { LiveProvider } from '../../components/providers/live-provider';
import { ViewerProvider } from '../../components/providers/viewer-provider';
import { ShellInboxQuery } from '../../components/shell/queries';
import { getInboxCursor, getViewer, hasPermission, serverQuery } from '../../lib/ui/server-graphql';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  // signed out: each page redirects to the login page with its own path as `next`
  if (!viewer) return children;
  const canChat = hasPermission(viewer, 'CHATS');
  const inbox = canChat ? await serverQuery(ShellInboxQuery, {}) : null;
  return (
    <BrowserTimeZone>
      <ViewerProvider name={viewer.name} permissions={viewer.role.permissions}>
        <LiveProvider live={canChat} initialCursor={await getInboxCursor()}>
          <AppShell viewer={viewer} badge={inbox?.data?.inboxBadge ?? 0} canChat={canChat}>
            {children}
          </AppShell>
        </LiveProvider>
      </ViewerProvider>
    </BrowserTimeZone>
  );
}
