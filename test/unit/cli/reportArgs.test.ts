import { parseReportArgs } from '../../../src/cli/reportArgs';
import { resolveTeams, UserFacingError } from '../../../src/cli/report';
import { fixtureData } from '../report/packFixture';

const base = ['--site', 'http://localhost:4321/sites/frontline-visits/', '--from', '2026-04-01', '--to', '2026-09-30', '--out', 'pack.docx'];

function message(argv: string[], env = {}): string {
  const parsed = parseReportArgs(argv, env);
  if (parsed.kind !== 'error') {
    throw new Error(`expected an error, got ${parsed.kind}`);
  }
  return parsed.message;
}

describe('npm run report arguments', () => {
  it('reads a sandbox run', () => {
    const parsed = parseReportArgs([
      ...base,
      '--user',
      'clerk@northshire.example',
      '--csv',
      'pack.csv',
      '--committee-date',
      '2026-12-10',
      '--team',
      'Child in Need North',
      '--team',
      '3',
    ]);
    expect(parsed).toEqual({
      kind: 'run',
      options: {
        site: 'http://localhost:4321/sites/frontline-visits',
        from: '2026-04-01',
        to: '2026-09-30',
        out: 'pack.docx',
        csv: 'pack.csv',
        committeeDate: '2026-12-10',
        teams: ['Child in Need North', '3'],
        title: undefined,
        today: undefined,
        auth: { kind: 'sandbox', user: 'clerk@northshire.example' },
      },
    });
  });

  it('signs in to a real site with a device code or a token from the environment', () => {
    const device = parseReportArgs([...base, '--client-id', 'app-id', '--tenant', 'northshire.onmicrosoft.com']);
    expect(device.kind === 'run' && device.options.auth).toEqual({ kind: 'deviceCode', clientId: 'app-id', tenant: 'northshire.onmicrosoft.com' });
    const token = parseReportArgs(base, { FRONTLINE_ACCESS_TOKEN: 'abc' });
    expect(token.kind === 'run' && token.options.auth).toEqual({ kind: 'token', token: 'abc' });
  });

  it('explains each mistake', () => {
    expect(message(['--form', '2026-04-01'])).toMatch(/Unknown option '--form'.*--help/);
    expect(message(base.slice(2))).toMatch(/--site/);
    expect(message(['--site', 'northshire', ...base.slice(2)])).toMatch(/full web address/);
    expect(message([...base.slice(0, 4), '--out', 'pack.docx'])).toMatch(/--from and --to/);
    expect(message([...base.slice(0, 6).map((a) => (a === '2026-09-30' ? '2026-02-30' : a)), '--out', 'x.docx'])).toMatch(/last day of the period \(--to\)/);
    expect(message([...base.slice(0, 6), '--out', 'pack.pdf', '--user', 'clerk@northshire.example'])).toMatch(/ending in \.docx/);
    expect(message([...base, '--csv', 'pack.xlsx', '--user', 'clerk@northshire.example'])).toMatch(/must end in \.csv/);
    expect(message([...base, '--committee-date', '10/12/2026', '--user', 'clerk@northshire.example'])).toMatch(/--committee-date must be a real date/);
    expect(message([...base, '--user', 'clerk'])).toMatch(/not an email/);
    expect(message(base)).toMatch(/Say who you are/);
  });

  it('shows help', () => {
    expect(parseReportArgs(['--help']).kind).toBe('help');
  });
});

describe('choosing teams at the command line', () => {
  it('takes team names (any case) or ids, and lists the teams when one is unknown', () => {
    expect(resolveTeams(['child in need north', '3'], fixtureData())).toEqual([2, 3]);
    expect(() => resolveTeams(['Fostering'], fixtureData())).toThrow(UserFacingError);
    expect(() => resolveTeams(['Fostering'], fixtureData())).toThrow(/no team "Fostering".*"Child in Need North" \(2\)/);
  });
});
