import type { ReactNode } from 'react';
import { primaryButton, secondaryButton } from '../ui/form';

export interface ErrorScreenText {
  title: string;
  body: string;
  back: string;
  retry?: string;
  reference?: string;
}

// Lucide's compass and triangle-alert drawn inline: the error boundaries are loaded with every
// page in chunks of their own, and lucide's icon runtime would come along in each of them.
function Icon({ kind }: { kind: 'not-found' | 'error' }) {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" className="size-5" aria-hidden>
      {kind === 'not-found' ? (
        <>
          <circle cx="12" cy="12" r="10" />
          <path d="m16.24 7.76-1.804 5.411a2 2 0 0 1-1.265 1.265L7.76 16.24l1.804-5.411a2 2 0 0 1 1.265-1.265z" />
        </>
      ) : (
        <path d="m21.73 18-8-14a2 2 0 0 0-3.48 0l-8 14A2 2 0 0 0 4 21h16a2 2 0 0 0 1.73-3M12 9v4M12 17h.01" />
      )}
    </svg>
  );
}

/**
 * The app's own "page not found" and "something went wrong": a calm card with a way back to the
 * inbox (and a retry for errors). Plain props, so the 404 (server), the error boundary (client)
 * and the global error page (no translations loaded) share it.
 */
export function ErrorScreen({ kind, text, onRetry, fullPage = false }: { kind: 'not-found' | 'error'; text: ErrorScreenText; onRetry?: () => void; fullPage?: boolean }) {
  const card: ReactNode = (
    <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white px-6 py-7 text-center shadow-sm">
      <span className={kind === 'not-found' ? 'mx-auto mb-3 grid size-11 place-items-center rounded-full bg-brand-50 text-brand-600' : 'mx-auto mb-3 grid size-11 place-items-center rounded-full bg-red-50 text-red-600'}>
        <Icon kind={kind} />
      </span>
      {kind === 'not-found' && <p className="text-[12px] font-semibold tracking-wide text-slate-500">404</p>}
      <h1 className="mt-1 text-[17px] font-semibold text-slate-900">{text.title}</h1>
      <p className="mt-2 text-slate-600">{text.body}</p>
      {text.reference && <p className="mt-2 font-mono text-[11.5px] text-slate-500">{text.reference}</p>}
      <div className="mt-5 flex flex-wrap items-center justify-center gap-2">
        {/* a plain link: after an error the client router may be the broken part */}
        <a href="/chats" className={primaryButton} data-testid="error-back">
          {text.back}
        </a>
        {onRetry && text.retry && (
          <button type="button" onClick={onRetry} className={secondaryButton} data-testid="error-retry">
            {text.retry}
          </button>
        )}
      </div>
    </div>
  );
  return (
    <main className={fullPage ? 'flex min-h-dvh items-center justify-center bg-slate-50 p-6' : 'flex flex-1 items-center justify-center p-6'} data-testid={kind === 'not-found' ? 'not-found' : 'error-page'}>
      {card}
    </main>
  );
}
