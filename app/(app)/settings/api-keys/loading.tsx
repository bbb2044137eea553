import { SettingsListLoading } from '../../../../components/settings/list-loading';

export default function ApiKeysLoading() {
  return <SettingsListLoading namespace="settings.apiKeys" testId="api-keys-loading" rows={2} />;
}
