import type { Permission } from '../providers/viewer-provider';
import { MessagesSquare, type Icon } from '../ui/icons';
import { ClipboardList, FileText, Phone, Receipt, Settings, Target, Users } from '../ui/server-icons';

export type Section = 'leads' | 'orders' | 'estimates' | 'invoices' | 'clients' | 'calls' | 'chats' | 'settings';

/** The CRM's sections, in menu order. `needs`: the permission without which the page only says "No access", so the menu leaves it out. */
export const SECTIONS: { key: Section; href: string; match: string; icon: Icon; needs?: Permission }[] = [
  { key: 'leads', href: '/leads', match: '/leads', icon: Target, needs: 'DOCUMENTS' },
  { key: 'orders', href: '/orders', match: '/orders', icon: ClipboardList, needs: 'DOCUMENTS' },
  { key: 'estimates', href: '/estimates', match: '/estimates', icon: FileText, needs: 'DOCUMENTS' },
  { key: 'invoices', href: '/invoices', match: '/invoices', icon: Receipt, needs: 'DOCUMENTS' },
  { key: 'clients', href: '/clients', match: '/clients', icon: Users, needs: 'CLIENTS' },
  { key: 'calls', href: '/calls', match: '/calls', icon: Phone, needs: 'CLIENTS' },
  { key: 'chats', href: '/chats', match: '/chats', icon: MessagesSquare, needs: 'CHATS' },
  { key: 'settings', href: '/settings/chats', match: '/settings', icon: Settings, needs: 'SETTINGS' },
];

/** The sections a viewer with these permissions may open, in menu order (the side menu and the phone menu alike). */
export function visibleSections(may: (permission: Permission) => boolean) {
  return SECTIONS.filter((s) => !s.needs || may(s.needs));
}
