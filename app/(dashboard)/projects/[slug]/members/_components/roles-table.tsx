import { PERMISSIONS, ROLE_LABELS, ROLES, can, type Permission } from "@/lib/projects/roles";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";

/** The role table the server enforces, printed from the same source. */
export function RolesTable() {
  const permissions = Object.keys(PERMISSIONS) as Permission[];
  return (
    <section aria-labelledby="roles-heading">
      <h2 id="roles-heading" className="text-lg font-semibold">
        What each role can do
      </h2>
      <Table caption="What each role can do" framed className="mt-3">
        <TableHead>
          <TableRow>
            <TableHeaderCell>Permission</TableHeaderCell>
            {ROLES.map((role) => (
              <TableHeaderCell key={role}>{ROLE_LABELS[role]}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {permissions.map((permission) => (
            <TableRow key={permission}>
              {/* Wide enough to read; on a phone the role columns scroll inside the table's box instead. */}
              <TableCell className="min-w-48">{PERMISSIONS[permission].label}</TableCell>
              {ROLES.map((role) => (
                <TableCell key={role}>
                  {can(role, permission) ? <span aria-label="Yes">✓</span> : <span aria-label="No" className="text-zinc-400">—</span>}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
