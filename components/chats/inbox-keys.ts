import type { ChatStatus } from '../../graphql-client/graphql';
import { isShortcutEvent } from '../../lib/ui/keyboard';
import type { ChatItem } from './inbox-state';

// The inbox's keys (listed in the "?" overlay). The Chats page fetches this right after hydration
// (decision 033); a key pressed before it has arrived does nothing, as one before hydration.

/** Focus the row `delta` rows from the focused (else the open) one. */
function move(delta: number) {
  const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="chat-list"] [data-testid="chat-row"]')];
  if (rows.length === 0) return;
  const focused = rows.findIndex((row) => row === document.activeElement);
  const from = focused !== -1 ? focused : rows.findIndex((row) => row.getAttribute('aria-current') === 'true');
  const next = from === -1 ? (delta > 0 ? 0 : rows.length - 1) : Math.max(0, Math.min(rows.length - 1, from + delta));
  rows[next].focus();
  rows[next].scrollIntoView({ block: 'nearest' });
}

/** One key press on the Chats page: `open` is the open chat, if any. */
export function onInboxKey(e: KeyboardEvent, { open, setStatus }: { open: ChatItem | undefined; setStatus(status: ChatStatus): void }) {
  const target = e.target instanceof HTMLElement ? e.target : null;
  const inList = !!target?.closest('[data-testid="chat-list"]');
  if (inList && (e.key === 'ArrowDown' || e.key === 'ArrowUp') && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && target?.dataset.testid === 'chat-row') {
    e.preventDefault();
    move(e.key === 'ArrowDown' ? 1 : -1);
    return;
  }
  // Shift is allowed: "/" needs it on some keyboard layouts, and "J" or "E" simply do not match
  if (!isShortcutEvent(e)) return;
  switch (e.key) {
    case 'j':
      move(1);
      break;
    case 'k':
      move(-1);
      break;
    case 'r':
    case '/': {
      const composer = document.querySelector<HTMLTextAreaElement>('[data-testid="composer"]');
      if (!composer || composer.disabled) return;
      composer.focus();
      break;
    }
    case 'e': {
      // the header's button, so the shortcut shows the same progress and errors
      const button = document.querySelector<HTMLButtonElement>('[data-testid="archive-chat"]');
      if (!open || open.status !== 'OPEN' || !button || button.disabled) return;
      button.click();
      break;
    }
    case 'o':
      setStatus('OPEN');
      break;
    case 'a':
      setStatus('ARCHIVED');
      break;
    default:
      return;
  }
  e.preventDefault();
}
