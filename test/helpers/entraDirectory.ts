/**
 * A council that puts Entra security groups inside its SharePoint groups: a councillor who is a
 * member only through "Northshire Councillors", Heads of Service only through "Northshire Heads of
 * Service" (one of them through a nested group), written as a sandbox directory file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROLE_GROUPS } from '../../src/domain/roles';

export const ENTRA = {
  councillors: { objectId: 'e17a0000-0000-4000-8000-000000000101', displayName: 'Northshire Councillors' },
  headsOfService: { objectId: 'e17a0000-0000-4000-8000-000000000102', displayName: 'Northshire Heads of Service' },
  deputies: { objectId: 'e17a0000-0000-4000-8000-000000000103', displayName: 'Northshire Deputy Heads of Service' },
} as const;

/** People who hold their role only through an Entra group. */
export const VIA_ENTRA = {
  councillor: { email: 'cllr.wren@northshire.example', displayName: 'Cllr Wren', objectId: '0b6f3c1e-0000-4000-8000-000000000007' },
  headOfService: { email: 'hos.duty@northshire.example', displayName: 'Head of Service (Duty)', objectId: '0b6f3c1e-0000-4000-8000-000000000022' },
  nestedHeadOfService: {
    email: 'hos.deputy.north@northshire.example',
    displayName: 'Deputy Head of Service (North)',
    objectId: '0b6f3c1e-0000-4000-8000-000000000023',
  },
} as const;

/** Writes the directory file and returns its path (pass as `directoryFile`). */
export function entraDirectoryFile(): string {
  const people = Object.values(VIA_ENTRA).map((p) => ({ ...p, groups: [] }));
  const entraGroups = [
    { ...ENTRA.councillors, members: [VIA_ENTRA.councillor.email], groups: [ROLE_GROUPS.Councillor] },
    { ...ENTRA.headsOfService, members: [VIA_ENTRA.headOfService.email, ENTRA.deputies.objectId], groups: [ROLE_GROUPS.HeadOfService] },
    { ...ENTRA.deputies, members: [VIA_ENTRA.nestedHeadOfService.email], groups: [] },
  ];
  const file = join(mkdtempSync(join(tmpdir(), 'frontline-entra-dir-')), 'directory.json');
  writeFileSync(file, JSON.stringify({ people, entraGroups }));
  return file;
}
