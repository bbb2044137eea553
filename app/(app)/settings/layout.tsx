import type { ReactNode } from 'react';
import { SettingsNav } from '../../../components/settings/settings-nav';

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-0 flex-1 max-md:flex-col">
      {/* on a phone the section list sits above the page instead of beside it */}
      <div className="flex shrink-0 max-md:border-b max-md:border-slate-200 max-md:[&>nav]:w-full max-md:[&>nav]:border-r-0 max-md:[&>nav]:py-2">
        <SettingsNav />
      </div>
      <div className="min-w-0 flex-1 overflow-y-auto">{children}</div>
    </div>
  );
}
