'use client';

import { usePathname } from 'next/navigation';
import { createContext, Suspense, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { returnFocus } from './return-focus';
import { lazyRetrying } from '../../lib/ui/retry-import';

// The window holds a whole conversation (composer, templates, phone numbers): its code loads when
// the operator first opens a chat in it, not with every page of the app frame.
// (React.lazy rather than next/dynamic, whose loader would come with the page: the window only
// ever opens in the browser.)
const ChatWindow = lazyRetrying(() => import('./chat-window'), (m) => m.ChatWindow);

interface ChatWindowApi {
  /** Opens the chat in the floating window (one at a time; a second replaces the first). */
  open(chatId: string): void;
}

const Context = createContext<ChatWindowApi | null>(null);

export function useChatWindow(): ChatWindowApi {
  const api = useContext(Context);
  // outside the app frame (never in practice): the inbox itself
  return api ?? { open: (chatId) => window.location.assign(`/chats/${encodeURIComponent(chatId)}`) };
}

/**
 * F22: the floating chat window, held by the app frame so it stays open while the operator moves
 * between CRM pages. On the Chats page the inbox shows the chat itself, so the window steps aside.
 */
export function ChatWindowProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const pathname = usePathname();
  const [chatId, setChatId] = useState<string | null>(null);
  const [minimised, setMinimised] = useState(false);
  const opener = useRef<HTMLElement | null>(null);

  const open = useCallback((id: string) => {
    if (/^\/chats(\/|$)/.test(window.location.pathname)) {
      // the inbox is on screen: open the chat there
      window.history.pushState(null, '', `/chats/${encodeURIComponent(id)}`);
      return;
    }
    const active = document.activeElement;
    // the card that asked closes as the window opens: remember what opened the card instead
    opener.current = active instanceof HTMLElement && !active.closest('[data-testid="phone-card"]') ? active : (document.querySelector<HTMLElement>('[data-testid="phone-card-trigger"][data-state="open"]') ?? null);
    setChatId(id);
    setMinimised(false);
  }, []);
  const api = useMemo(() => ({ open }), [open]);
  const onChats = pathname === '/chats' || pathname.startsWith('/chats/');

  return (
    <Context.Provider value={api}>
      {children}
      {enabled && chatId && !onChats && (
        <Suspense fallback={null}>
          <ChatWindow
            key={chatId}
            chatId={chatId}
            minimised={minimised}
            onMinimise={(value) => {
              setMinimised(value);
              if (value) returnFocus(opener.current);
            }}
            onClose={() => {
              setChatId(null);
              returnFocus(opener.current);
            }}
          />
        </Suspense>
      )}
    </Context.Provider>
  );
}
