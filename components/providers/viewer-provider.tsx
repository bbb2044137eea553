'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';

export type Permission = 'CHATS' | 'CLIENTS' | 'DOCUMENTS' | 'SETTINGS';

interface ViewerContextValue {
  name: string;
  permissions: ReadonlySet<string>;
}

const ViewerContext = createContext<ViewerContextValue>({ name: '', permissions: new Set() });

/** Who is signed in, for client components that show or hide what the role allows. */
export function ViewerProvider({ name, permissions, children }: { name: string; permissions: string[]; children: ReactNode }) {
  // keyed by the list's content: the server sends a new array on every render of the layout
  const key = permissions.join(',');
  const value = useMemo(() => ({ name, permissions: new Set(key.split(',').filter(Boolean)) }), [name, key]);
  return <ViewerContext.Provider value={value}>{children}</ViewerContext.Provider>;
}

export function useCan(permission: Permission): boolean {
  return usePermissions().has(permission);
}

/** Every permission of the viewer's role. */
export function usePermissions(): ReadonlySet<string> {
  return useContext(ViewerContext).permissions;
}
