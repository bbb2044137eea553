import type { Viewer } from '../../auth/viewer';

/**
 * Who may read what of an employee (decision 010): SETTINGS reads everyone in full; everyone reads
 * themselves in full; anyone who can see a chat reads the id and name of colleagues that chat
 * shows (sender, archived by) — never their e-mail, role, status or sessions.
 */
export function canReadEmployeeDetails(viewer: Viewer | null, employeeId: string): boolean {
  if (!viewer) return false;
  return viewer.permissions.has('SETTINGS') || viewer.employeeId === employeeId;
}
