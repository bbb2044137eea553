import { SettingsListLoading } from '../../../../../components/settings/list-loading';

export default function RolesLoading() {
  return <SettingsListLoading namespace="settings.roles" testId="roles-loading" rows={3} rowHeight="h-9" className="max-w-4xl px-8 py-6" />;
}
