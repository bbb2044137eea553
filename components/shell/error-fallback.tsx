'use client';

import { lazy, type ComponentType } from 'react';

// Only when the error screen's own code cannot be fetched (the network is often the error itself):
// the page's language from <html lang>, no translations, no styles beyond the app's CSS.
const BARE = {
  en: { title: 'Something went wrong', retry: 'Try again' },
  de: { title: 'Etwas ist schiefgelaufen', retry: 'Erneut versuchen' },
};

function BareError() {
  const text = typeof document !== 'undefined' && document.documentElement.lang.startsWith('de') ? BARE.de : BARE.en;
  return (
    <main className="flex flex-1 flex-col items-center justify-center gap-3 p-6" data-testid="error-page" role="alert">
      <h1 className="text-[17px] font-semibold text-slate-900">{text.title}</h1>
      <button type="button" onClick={() => location.reload()} className="underline" data-testid="error-retry">
        {text.retry}
      </button>
    </main>
  );
}

/**
 * The error boundaries' content, fetched when an error happens rather than with every page (issue 12,
 * decision 033). On the server and in hydration React waits for it, so a server-rendered error page
 * arrives whole; should the fetch fail, a bare screen with a reload takes its place.
 */
export function lazyErrorScreen<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(() => load().then((Screen) => ({ default: Screen }), (): { default: ComponentType<P> } => ({ default: BareError })));
}
