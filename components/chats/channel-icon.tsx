import { clsx } from 'clsx';
import type { ChannelKind } from '../../graphql-client/graphql';
import { Camera, MessageCircle, Send } from '../ui/icons';

/** Small platform marks: Messenger drawn after its logo, the others as plain glyphs in their colour. */
export function ChannelIcon({ kind, className, label }: { kind: ChannelKind; className?: string; label?: string }) {
  const a11y = label ? { role: 'img' as const, 'aria-label': label } : { 'aria-hidden': true as const };
  switch (kind) {
    case 'MESSENGER':
      return (
        <svg viewBox="0 0 24 24" className={clsx('size-3.5 shrink-0', className)} {...a11y}>
          <defs>
            <linearGradient id="messenger-gradient" x1="0" y1="1" x2="1" y2="0">
              <stop offset="0" stopColor="#0a7cff" />
              <stop offset="0.6" stopColor="#a033ff" />
              <stop offset="1" stopColor="#ff5280" />
            </linearGradient>
          </defs>
          <path
            fill="url(#messenger-gradient)"
            d="M12 0C5.24 0 0 4.95 0 11.64c0 3.5 1.43 6.52 3.77 8.61.2.18.32.42.32.68l.07 2.14a.96.96 0 0 0 1.35.85l2.39-1.05a.96.96 0 0 1 .64-.05c1.1.3 2.26.46 3.46.46 6.76 0 12-4.95 12-11.64S18.76 0 12 0Zm7.2 8.96-3.52 5.6a1.8 1.8 0 0 1-2.6.48l-2.8-2.1a.72.72 0 0 0-.87 0l-3.79 2.88c-.5.38-1.17-.22-.83-.75l3.53-5.6a1.8 1.8 0 0 1 2.6-.48l2.8 2.1c.26.2.62.2.87 0l3.79-2.88c.5-.38 1.17.22.82.75Z"
          />
        </svg>
      );
    case 'INSTAGRAM':
      return <Camera className={clsx('size-3.5 shrink-0 text-pink-600', className)} {...a11y} />;
    case 'WHATSAPP':
      return <MessageCircle className={clsx('size-3.5 shrink-0 text-green-600', className)} {...a11y} />;
    case 'TELEGRAM':
      return <Send className={clsx('size-3.5 shrink-0 text-sky-500', className)} {...a11y} />;
  }
}
