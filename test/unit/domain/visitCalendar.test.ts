import ICAL from 'ical.js';
import { londonDateOf } from '../../../src/domain/calendarDate';
import {
  CalendarVisit,
  councillorCalendarVisits,
  londonTimeToInstant,
  sequenceFromETag,
  visitCalendar,
  visitCalendarFileName,
  visitUid,
} from '../../../src/domain/visitCalendar';

const OPTIONS = { uidDomain: 'northshire.sharepoint.com', calendarName: 'Frontline visits 2026/27: Cllr Hale', generatedAt: new Date('2026-04-01T09:00:00Z') };

const YEAR: CalendarVisit[] = [
  {
    rotaId: 41,
    visitDate: '2026-05-12',
    teamTitle: 'Child in Need Team',
    members: [{ displayName: 'Cllr Hale' }, { displayName: 'Cllr Osei' }],
    status: 'Scheduled',
    sequence: 1,
  },
  // The night the clocks go back, and the day after: still the same London days.
  { rotaId: 42, visitDate: '2026-10-26', teamTitle: 'Child Protection Team', members: [{ displayName: 'Cllr Hale' }], status: 'Scheduled' },
  {
    rotaId: 43,
    visitDate: '2027-03-29',
    teamTitle: 'Consultation Team (front door)',
    members: [{ displayName: 'Cllr Hale' }, { displayName: 'Cllr Trent' }],
    status: 'Scheduled',
  },
  { rotaId: 40, visitDate: '2026-04-14', teamTitle: 'Consultation Team (front door)', members: [{ displayName: 'Cllr Hale' }], status: 'NotHeld' },
];

function events(ics: string): ICAL.Event[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
}

describe('visits as an iCalendar file, parsed back with ical.js', () => {
  it("holds one event per visit of a councillor's year, on the London days of the visits", () => {
    const parsed = events(visitCalendar(YEAR, OPTIONS));
    expect(parsed.map((e) => [e.uid, e.startDate.isDate, e.startDate.toString(), e.endDate.toString(), e.summary])).toEqual([
      ['frontline-visit-40@northshire.sharepoint.com', true, '2026-04-14', '2026-04-15', 'Frontline visit: Consultation Team (front door)'],
      ['frontline-visit-41@northshire.sharepoint.com', true, '2026-05-12', '2026-05-13', 'Frontline visit: Child in Need Team'],
      ['frontline-visit-42@northshire.sharepoint.com', true, '2026-10-26', '2026-10-27', 'Frontline visit: Child Protection Team'],
      ['frontline-visit-43@northshire.sharepoint.com', true, '2027-03-29', '2027-03-30', 'Frontline visit: Consultation Team (front door)'],
    ]);
    expect(new Set(parsed.map((e) => e.uid)).size).toBe(4);
  });

  it('keeps the UID when a visit moves, with a higher sequence, so calendars update it', () => {
    const before = events(visitCalendar([YEAR[0]], OPTIONS))[0];
    const moved = events(
      visitCalendar([{ ...YEAR[0], visitDate: '2026-05-19', sequence: 2 }], { ...OPTIONS, generatedAt: new Date('2026-05-01T09:00:00Z') }),
    )[0];
    expect(moved.uid).toBe(before.uid);
    expect(moved.uid).toBe(visitUid(41, 'northshire.sharepoint.com'));
    expect(moved.sequence).toBeGreaterThan(before.sequence);
    expect([before.startDate.toString(), moved.startDate.toString()]).toEqual(['2026-05-12', '2026-05-19']);
  });

  it('sends a visit not held as cancelled, and says so', () => {
    const [notHeld, held] = events(visitCalendar(YEAR, OPTIONS));
    expect(notHeld.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(notHeld.description).toMatch(/^This visit will not take place\./);
    expect(held.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(held.description).toBe('Councillors: Cllr Hale and Cllr Osei\nThe visit form is due within 28 days of the visit.');
  });

  it('gives an agreed time in London time, in summer and in winter', () => {
    const timed = events(
      visitCalendar(
        [
          { ...YEAR[0], startTime: '10:00' },
          { ...YEAR[1], startTime: '14:30', durationMinutes: 90 },
        ],
        OPTIONS,
      ),
    );
    const london = (d: Date): string =>
      `${londonDateOf(d)} ${new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d)}`;
    expect(timed.map((e) => [e.startDate.isDate, london(e.startDate.toJSDate()), london(e.endDate.toJSDate())])).toEqual([
      [false, '2026-05-12 10:00', '2026-05-12 11:00'],
      [false, '2026-10-26 14:30', '2026-10-26 16:00'],
    ]);
    expect(londonTimeToInstant('2026-05-12', '10:00').toISOString()).toBe('2026-05-12T09:00:00.000Z');
    expect(() => londonTimeToInstant('2026-05-12', '25:00')).toThrow(/10:00/);
  });

  it('keeps what people typed as text: no broken lines or extra properties from commas, semicolons or new lines', () => {
    const tricky = { ...YEAR[0], teamTitle: 'North; East, and "West"\nDTSTART:19700101', location: 'Room 2; Civic Centre' };
    const [event] = events(visitCalendar([tricky], OPTIONS));
    expect(event.summary).toBe('Frontline visit: North; East, and "West"\nDTSTART:19700101');
    expect(event.location).toBe('Room 2; Civic Centre');
    expect(event.startDate.toString()).toBe('2026-05-12');
  });

  it('writes the same file whatever time zone the browser or server is in', () => {
    const saved = process.env.TZ;
    const timed = YEAR.map((v, i) => (i === 0 ? { ...v, startTime: '09:30' } : v));
    try {
      process.env.TZ = 'UTC';
      const inUtc = visitCalendar(timed, OPTIONS);
      process.env.TZ = 'America/New_York';
      expect(visitCalendar(timed, OPTIONS)).toBe(inUtc);
      process.env.TZ = 'Pacific/Auckland';
      expect(visitCalendar(timed, OPTIONS)).toBe(inUtc);
    } finally {
      process.env.TZ = saved;
      if (saved === undefined) {
        delete process.env.TZ;
      }
    }
  });

  it('names the file after the visit or the year', () => {
    expect(visitCalendarFileName([YEAR[0]])).toBe('frontline-visit-2026-05-12.ics');
    expect(visitCalendarFileName(YEAR, '2026/27')).toBe('frontline-visits-2026-27.ics');
  });
});

describe("a councillor's visits from the rota", () => {
  const hale = { id: 1, displayName: 'Cllr Hale', email: 'cllr.hale@northshire.example' };
  const osei = { id: 2, displayName: 'Cllr Osei', email: 'cllr.osei@northshire.example' };
  const team = {
    id: 7,
    title: 'Child in Need Team',
    isActive: true,
    serviceManager: { id: 9, displayName: 'Service Manager, Child in Need', email: 'sm.cin@northshire.example' },
  };
  const entry = (id: number, visitDate: string, members: (typeof hale)[], etag: string) => ({
    id,
    title: 't',
    visitDate,
    teamId: 7,
    members,
    municipalYear: '2026/27',
    status: 'Scheduled' as const,
    etag,
  });

  it('keeps only their visits, names the service manager, and takes the sequence from the item ETag', () => {
    const visits = councillorCalendarVisits(
      [
        entry(1, '2026-05-12', [hale, osei], '"3"'),
        entry(2, '2026-06-09', [osei], '"1"'),
        entry(3, '2026-07-07', [hale], '"{5A0E2C4B-0000-4000-8000-000000000000},12"'),
      ],
      1,
      [team],
    );
    expect(visits.map((v) => [v.rotaId, v.sequence, v.teamTitle])).toEqual([
      [1, 3, 'Child in Need Team'],
      [3, 12, 'Child in Need Team'],
    ]);
    const [event] = events(visitCalendar(visits.slice(0, 1), OPTIONS));
    expect(event.description).toBe(
      'Councillors: Cllr Hale and Cllr Osei\nService manager: Service Manager, Child in Need\nThe visit form is due within 28 days of the visit.',
    );
    expect(event.sequence).toBe(3);
  });

  it('gives a moved visit a higher sequence than before, as its ETag grows', () => {
    expect(sequenceFromETag('"4"')).toBeGreaterThan(sequenceFromETag('"3"'));
    expect(sequenceFromETag(undefined)).toBe(0);
  });
});
