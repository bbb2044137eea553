'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { ChevronLeft, X } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import type { ReactNode } from 'react';
import { SideSheet } from '../ui/side-sheet';

/**
 * Below 1280 px there is no room for the client column beside the conversation: it opens as a
 * drawer from the right (768–1280 px) or as a full screen with a way back (phones).
 */
export function DetailsDrawer({ open, onOpenChange, title, children }: { open: boolean; onOpenChange(open: boolean): void; title: string; children: ReactNode }) {
  const t = useTranslations('anywhere.details');
  return (
    <SideSheet
      open={open}
      onOpenChange={onOpenChange}
      overlayClassName="fixed inset-0 z-40 bg-slate-900/30 max-md:hidden"
      className="fixed inset-y-0 right-0 z-40 flex w-full flex-col bg-white shadow-xl focus:outline-none md:w-[340px]"
      testId="details-drawer"
    >
      <div className="flex h-12 shrink-0 items-center gap-2 border-b border-slate-200 px-2 max-md:h-14 md:pl-4">
        <Dialog.Close className="grid size-11 place-items-center rounded-md text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 md:hidden" aria-label={t('back')} data-testid="details-back">
          <ChevronLeft className="size-5" aria-hidden />
        </Dialog.Close>
        <Dialog.Title className="min-w-0 flex-1 truncate text-[14px] font-semibold text-slate-900">{title}</Dialog.Title>
        <Dialog.Close className="grid size-9 place-items-center rounded-md text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 max-md:hidden" aria-label={t('close')}>
          <X className="size-4" aria-hidden />
        </Dialog.Close>
      </div>
      <div className="flex min-h-0 flex-1 flex-col">{children}</div>
    </SideSheet>
  );
}
