'use client';

import * as RadixSelect from '@radix-ui/react-select';
import { clsx } from 'clsx';
import { Check, ChevronDown } from 'lucide-react';
import { forwardRef, type ReactNode } from 'react';

export interface SelectOption<V extends string> {
  value: V;
  label: ReactNode;
  /** A second line under the label (a template's language, a hint). */
  hint?: ReactNode;
}

interface SelectProps<V extends string> {
  /** '' shows the placeholder. */
  value: V | '';
  onChange(value: V): void;
  options: SelectOption<V>[];
  placeholder?: string;
  /** For `<label htmlFor>`: the trigger is a button, which a label names. */
  id?: string;
  'aria-label'?: string;
  'aria-describedby'?: string;
  disabled?: boolean;
  className?: string;
  testId?: string;
  tone?: 'default' | 'amber';
}

/**
 * The app's select: a button that opens a listbox (Radix Select: arrow keys, type-ahead, Escape,
 * screen-reader roles), styled like our inputs. Use it instead of a native <select>.
 */
export const Select = forwardRef(function Select<V extends string>(
  { value, onChange, options, placeholder, id, disabled, className, testId, tone = 'default', ...aria }: SelectProps<V>,
  ref: React.ForwardedRef<HTMLButtonElement>,
) {
  return (
    <RadixSelect.Root value={value} onValueChange={(next) => onChange(next as V)} disabled={disabled}>
      <RadixSelect.Trigger
        ref={ref}
        id={id}
        aria-label={aria['aria-label']}
        aria-describedby={aria['aria-describedby']}
        data-testid={testId}
        className={clsx(
          'inline-flex min-w-0 items-center justify-between gap-1.5 rounded-md border bg-white px-2.5 py-1.5 text-left text-[13px] text-slate-900 focus:outline-none focus-visible:ring-2 data-[disabled]:cursor-not-allowed data-[disabled]:bg-slate-50 data-[placeholder]:text-slate-500',
          tone === 'amber' ? 'border-amber-300 focus-visible:border-brand-500 focus-visible:ring-brand-100' : 'border-slate-300 focus-visible:border-brand-500 focus-visible:ring-brand-100',
          className,
        )}
      >
        <span className="min-w-0 truncate">
          <RadixSelect.Value placeholder={placeholder} />
        </span>
        <RadixSelect.Icon asChild>
          <ChevronDown className="size-3.5 shrink-0 text-slate-500" aria-hidden />
        </RadixSelect.Icon>
      </RadixSelect.Trigger>
      <RadixSelect.Portal>
        <RadixSelect.Content
          position="popper"
          sideOffset={4}
          collisionPadding={8}
          className="z-[60] max-h-[min(20rem,var(--radix-select-content-available-height))] min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg"
        >
          <RadixSelect.Viewport className="p-1">
            {options.map((option) => (
              <RadixSelect.Item
                key={option.value}
                value={option.value}
                className="relative flex cursor-default items-start gap-2 rounded py-1.5 pr-2.5 pl-7 text-[13px] text-slate-900 outline-none select-none data-[highlighted]:bg-brand-50 data-[highlighted]:text-brand-900 data-[state=checked]:font-medium"
              >
                <RadixSelect.ItemIndicator className="absolute top-2 left-2">
                  <Check className="size-3.5 text-brand-600" aria-hidden />
                </RadixSelect.ItemIndicator>
                <span className="min-w-0">
                  <RadixSelect.ItemText>{option.label}</RadixSelect.ItemText>
                  {option.hint && <span className="block text-[11.5px] font-normal text-slate-500">{option.hint}</span>}
                </span>
              </RadixSelect.Item>
            ))}
          </RadixSelect.Viewport>
        </RadixSelect.Content>
      </RadixSelect.Portal>
    </RadixSelect.Root>
  );
}) as <V extends string>(props: SelectProps<V> & { ref?: React.Ref<HTMLButtonElement> }) => React.ReactElement;
