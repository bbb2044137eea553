import { SettingsListLoading } from '../../../../components/settings/list-loading';

export default function EmployeesLoading() {
  return <SettingsListLoading namespace="settings.employees" testId="employees-loading" rows={3} />;
}
