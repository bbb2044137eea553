import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { RolesQuery } from '../../../../../components/settings/queries';
import { NoAccess } from '../../../../../components/ui/states';
import { hasPermission, requireViewer, serverQuery } from '../../../../../lib/ui/server-graphql';

export const dynamic = 'force-dynamic';

const PERMISSIONS = ['CHATS', 'CLIENTS', 'DOCUMENTS', 'SETTINGS'] as const;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings.nav'))('roles') };
}

export default async function RolesPage() {
  const viewer = await requireViewer('/settings/employees/roles');
  if (!hasPermission(viewer, 'SETTINGS')) return <NoAccess area="settings" />;
  const t = await getTranslations('settings.roles');
  const { data } = await serverQuery(RolesQuery, {});
  return (
    <main className="max-w-3xl px-8 py-6">
      <h1 className="text-[17px] font-semibold text-slate-900">{t('title')}</h1>
      <p className="mt-1 text-slate-500">{t('intro')}</p>
      {!data ? (
        <p role="alert" className="mt-6 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-700">
          {t('error')}
        </p>
      ) : (
        <table className="mt-5 w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-[13px]">
          <thead className="bg-slate-50 text-left text-[11.5px] tracking-wide text-slate-500 uppercase">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">
                {t('role')}
              </th>
              {PERMISSIONS.map((p) => (
                <th key={p} scope="col" className="px-3 py-2 text-center font-semibold">
                  {t(`permission.${p}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.roles.map((role) => (
              <tr key={role.id} className="border-t border-slate-100">
                <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                  {role.name}
                  {role.builtin && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-normal text-slate-500">{t('builtin')}</span>}
                </th>
                {PERMISSIONS.map((p) => (
                  <td key={p} className="px-3 py-2 text-center">
                    {role.permissions.includes(p) ? (
                      <span className="text-emerald-600" role="img" aria-label={t('granted')}>
                        ✓
                      </span>
                    ) : (
                      <span className="text-slate-300" role="img" aria-label={t('notGranted')}>
                        —
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="mt-3 text-[12.5px] text-slate-500">{t('later')}</p>
    </main>
  );
}
