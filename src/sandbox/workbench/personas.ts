/** A demo user the workbench can sign in as. */
export interface WorkbenchPersona {
  email: string;
  displayName: string;
  /** What they do, e.g. "Councillor"; shown beside the name. */
  role?: string;
}

/** Where the sandbox lists its demo users (no identity needed). */
export const PERSONAS_PATH = '/_sandbox/personas';

/**
 * docs/architecture.md §5's fixed personas, used only when the sandbox cannot be asked (an older sandbox,
 * or the handler served on its own in a test). The sandbox's own list wins: it has their names.
 */
export const FALLBACK_PERSONAS: ReadonlyArray<WorkbenchPersona> = [
  { email: 'cllr.hale@northshire.example', displayName: 'Cllr Hale', role: 'Councillor' },
  { email: 'cllr.osei@northshire.example', displayName: 'Cllr Osei', role: 'Councillor' },
  { email: 'improvement@northshire.example', displayName: 'Improvement Team', role: 'Improvement Team' },
  { email: 'hos.cincp@northshire.example', displayName: 'Head of Service', role: 'Head of Service' },
  { email: 'clerk@northshire.example', displayName: 'Committee Clerk', role: 'Committee Clerk' },
];

/**
 * The personas from the sandbox's answer. Accepts a bare array or an OData-like `{ value }` /
 * `{ personas }` wrapper, and the field spellings a directory entry may use, so the workbench
 * does not break on a harmless change of shape. Entries without an email are dropped.
 */
export function personasFromJson(json: unknown): WorkbenchPersona[] {
  const list = Array.isArray(json)
    ? json
    : json && typeof json === 'object'
      ? ((json as { value?: unknown }).value ?? (json as { personas?: unknown }).personas)
      : undefined;
  if (!Array.isArray(list)) {
    return [];
  }
  const personas: WorkbenchPersona[] = [];
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') {
      continue;
    }
    const record = entry as Record<string, unknown>;
    const email = firstString(record, ['email', 'Email', 'mail', 'userPrincipalName']);
    if (!email) {
      continue;
    }
    const roles = Array.isArray(record.roles) ? record.roles.filter((r): r is string => typeof r === 'string') : [];
    personas.push({
      email: email.toLowerCase(),
      displayName: firstString(record, ['displayName', 'DisplayName', 'title', 'Title', 'name']) ?? email,
      role: firstString(record, ['role', 'roleLabel', 'Role']) ?? (roles.length ? roles.join(', ') : undefined),
    });
  }
  return personas;
}

function firstString(record: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string' && value.trim()) {
      return value.trim();
    }
  }
  return undefined;
}

/** The sandbox's personas, or the fixed list when it has none to give. */
export async function loadPersonas(fetchImpl: typeof fetch = fetch): Promise<{ personas: WorkbenchPersona[]; fromSandbox: boolean }> {
  try {
    const response = await fetchImpl(PERSONAS_PATH, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (response.ok) {
      const personas = personasFromJson(await response.json());
      if (personas.length) {
        return { personas, fromSandbox: true };
      }
    }
  } catch (error) {
    // eslint-disable-next-line no-console
    console.warn(`Workbench: could not read ${PERSONAS_PATH}; using the fixed demo personas`, error);
  }
  return { personas: FALLBACK_PERSONAS.slice(), fromSandbox: false };
}
