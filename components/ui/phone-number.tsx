import { clsx } from 'clsx';
import { displayPhone } from '../../lib/phone';

/**
 * A phone number as people read it (`+49 176 99988877`), a `tel:` link when it is a real number,
 * plain text when it is not. One place, so every screen shows numbers alike.
 */
export function PhoneNumber({ value, className, link = true }: { value: string | null | undefined; className?: string; link?: boolean }) {
  const phone = displayPhone(value);
  if (!phone) return null;
  if (!link || !phone.e164) {
    return (
      <span className={clsx('tabular-nums', className)} data-testid="phone-number">
        {phone.text}
      </span>
    );
  }
  return (
    <a href={`tel:${phone.e164}`} className={clsx('tabular-nums hover:underline', className)} data-testid="phone-number">
      {phone.text}
    </a>
  );
}
