import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { ServerViewer } from '../../lib/ui/server-graphql';
import { SoundToggle } from './attention';
import { ChatWindowProvider } from '../phone/chat-window-context';
import { LogOut } from '../ui/server-icons';
import { LanguageSwitch } from './language-switch';
import { MobileMenu } from './mobile-menu';
import { ShortcutsHelp } from './shortcuts-help';
import { SideNav } from './side-nav';

/** The CRM frame: side menu on the left, a slim bar with the signed-in employee on top. */
export async function AppShell({ viewer, badge, canChat, children }: { viewer: ServerViewer; badge: number; canChat: boolean; children: ReactNode }) {
  const t = await getTranslations('shell');
  return (
    <div className="flex h-dvh min-h-0 overflow-hidden">
      <SideNav permissions={viewer.role.permissions} initialBadge={badge} showBadge={canChat} />
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-11 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-4">
          <MobileMenu initialBadge={badge} showBadge={canChat}>
            <div className="flex-1 [&_button]:min-h-11 [&_button]:min-w-11">
              <LanguageSwitch />
            </div>
            <SignOut label={t('signOut')} />
          </MobileMenu>
          <div className="min-w-0 flex-1" />
          <div className="flex items-center gap-0.5">
            {canChat && <SoundToggle />}
            {/* no keyboard on a phone; mounted all the same, for "?" on a tablet with one */}
            <span className="contents max-md:hidden">
              <ShortcutsHelp />
            </span>
          </div>
          <div className="h-5 w-px bg-slate-200 max-md:hidden" />
          <div className="flex items-center gap-2 text-[13px]">
            <span className="grid size-6 place-items-center rounded-full bg-slate-200 text-[11px] font-semibold text-slate-600" title={`${viewer.name} · ${viewer.role.name}`} aria-hidden>
              {initials(viewer.name)}
            </span>
            {/* on a phone the initials stand for the name: the bar must not run off the screen */}
            <span className="hidden font-medium text-slate-800 sm:inline" data-testid="viewer-name">
              {viewer.name}
            </span>
            <span className="hidden text-slate-400 md:inline" aria-hidden>·</span>
            <span className="hidden text-slate-500 md:inline">{viewer.role.name}</span>
          </div>
          <div className="flex items-center gap-3 max-md:hidden">
            <div className="h-5 w-px bg-slate-200" />
            <LanguageSwitch />
            <SignOut label={t('signOut')} />
          </div>
        </header>
        <ChatWindowProvider enabled={canChat}>
          <div className="flex min-h-0 flex-1 flex-col">{children}</div>
        </ChatWindowProvider>
      </div>
    </div>
  );
}

function SignOut({ label }: { label: string }) {
  return (
    <form method="post" action="/api/auth/logout">
      <button
        type="submit"
        className="flex items-center gap-1.5 rounded-md px-2 py-1 text-[13px] text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500 max-md:min-h-11"
      >
        <LogOut className="size-3.5" aria-hidden />
        <span>{label}</span>
      </button>
    </form>
  );
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}
