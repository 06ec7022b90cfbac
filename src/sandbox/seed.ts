/**
 * The demo data of the fictional Northshire council, built around a `today` so that every screen
 * has something to show: three intake teams, a monthly rota from a year back to a year ahead
 * (some visits not held, with the reason), and reports by the councillors in every state —
 * draft, submitted, responded, and overdue for submission or for response. Written through the
 * store, authored by the councillors themselves, so item-level security applies to them.
 */
import {
  FRONTLINE_TEAMS,
  listDefinition,
  REPORT_THEMES,
  SITE_RELATIVE_URL,
  VISIT_REPORT_DRAFTS,
  VISIT_REPORTS,
  VISIT_ROTA,
  VISIT_THEMES,
} from '../data/listContract';
import { DEFAULT_THEMES, formatThemeIds, formatThemeWords, suggestedAreaThemes, Theme } from '../domain/themes';
import { addDays, CalendarDate, londonMidnightUtc } from '../domain/calendarDate';
import { municipalYearOf } from '../domain/municipalYear';
import { Grid, GRID_COLUMNS, GRID_ROWS, gridCellKey, GridRow } from '../domain/grid';
import { areaFeedbackField, GRID_CELL_LIST_FIELDS } from '../domain/reportFields';
import { DEMO_PEOPLE, FIXED_PERSONAS } from './directory';
import { withDefaults } from './listModel';
import { FieldValues, SandboxStore, SiteUser, spNow, StoredList } from './store';
import { localMidnight, siteTimeZone } from './regional';

const T = FRONTLINE_TEAMS.fields;
const R = VISIT_ROTA.fields;
const V = VISIT_REPORTS.fields;

const TEAMS = [
  { title: 'Consultation Team (front door)', manager: 'sm.consultation@northshire.example', short: 'Consultation' },
  { title: 'Child in Need Team', manager: 'sm.cin@northshire.example', short: 'CIN' },
  { title: 'Child Protection Team', manager: 'sm.cp@northshire.example', short: 'CP' },
];

/** Pairs of councillors, cycled month by month, so Hale and Osei have visits past and future. */
const PAIRS = [
  ['cllr.hale@northshire.example', 'cllr.marlow@northshire.example'],
  ['cllr.osei@northshire.example', 'cllr.penrose@northshire.example'],
  // with a co-opted member who has no mailbox
  ['cllr.hale@northshire.example', 'cllr.ashby@northshire.example', 'cllr.fenwick@northshire.example'],
  ['cllr.osei@northshire.example', 'cllr.trent@northshire.example'],
  ['cllr.marlow@northshire.example', 'cllr.penrose@northshire.example'],
  ['cllr.ashby@northshire.example', 'cllr.trent@northshire.example'],
];

const NOT_HELD: { [monthOffset: number]: string } = {
  [-7]: 'Cancelled: special Cabinet meeting called for the same morning.',
  [-4]: 'Not held: no replacement available at short notice when a member was taken ill.',
};

const GRIDS = [
  {
    [V.StaffingWorries]: 'Two social worker vacancies covered by agency staff; the team worries about continuity for families.',
    [V.StaffingWorkingWell]: 'Morale is good; staff described the team manager as visible and supportive.',
    [V.StaffingNextSteps]: 'Recruitment campaign for permanent posts; report back on agency numbers at the next visit.',
    [V.PerformanceWorries]: 'Some assessments are running past 45 working days.',
    [V.PerformanceWorkingWell]: 'Daily huddles keep the focus on the child; partners praised the quality of referrals.',
    [V.PerformanceNextSteps]: 'Weekly tracking of assessments nearing timescale.',
    [V.OtherWorries]: 'Laptops are slow to start, which eats into visit time.',
    [V.OtherWorkingWell]: '',
    [V.OtherNextSteps]: 'IT to review the team’s devices.',
  },
  {
    [V.StaffingWorries]: 'Newly qualified workers carry a high share of complex cases.',
    [V.StaffingWorkingWell]: 'Good supervision records; protected caseloads for the first year are mostly honoured.',
    [V.StaffingNextSteps]: '',
    [V.PerformanceWorries]: 'Health partners are not always at strategy meetings.',
    [V.PerformanceWorkingWell]: 'Children’s voices are clear in the records we were shown.',
    [V.PerformanceNextSteps]: 'Raise attendance at strategy meetings with the health partnership.',
    [V.OtherWorries]: 'Interview rooms are shared with another service and often booked.',
    [V.OtherWorkingWell]: 'The new family time room is well used.',
    [V.OtherNextSteps]: '',
  },
];

const FEEDBACK = [
  'Thank you for the visit. Two permanent social workers start next month, which will reduce agency cover to one post. Assessment timeliness is now reviewed weekly by the team manager.',
  'We have raised strategy meeting attendance with the health partnership and a named lead will attend from next month. Facilities are looking for a second interview room.',
];

/** The answer area by area, as the committee report pairs them: given where the members wrote about the area. */
const AREA_FEEDBACK: { [row in GridRow]: string } = {
  staffing: 'Two permanent social workers start next month; agency cover falls to one post by the spring.',
  performance: 'The team manager now reviews assessment timeliness weekly; the service manager checks the figures monthly.',
  other: 'Facilities are looking for a second interview room and will report back by the end of the quarter.',
};

/** Each area's answer, for the areas the members wrote about. */
function areaAnswers(responded: boolean, grid: { [field: string]: unknown }): { [field: string]: string | null } {
  const out: { [field: string]: string | null } = {};
  for (const row of GRID_ROWS) {
    const wrote = GRID_COLUMNS.some((column) => {
      const text = grid[GRID_CELL_LIST_FIELDS[gridCellKey(row, column)]];
      return typeof text === 'string' && text.trim() !== '';
    });
    out[areaFeedbackField(row).listField] = responded && wrote ? AREA_FEEDBACK[row] : null;
  }
  return out;
}

/** The first weekday on or after the 12th of the month `offset` months from `today`'s month. */
function visitDay(today: CalendarDate, offset: number): CalendarDate {
  const [y, m] = today.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1 + offset, 12));
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) {
    date.setUTCDate(date.getUTCDate() + 1);
  }
  return date.toISOString().slice(0, 10);
}

/** An instant on a London day, mid-morning. */
function instantOn(day: CalendarDate, hour = 10): Date {
  return new Date(Date.parse(londonMidnightUtc(day)) + hour * 3600000);
}

function requireUser(store: SandboxStore, email: string): SiteUser {
  const user = store.userByEmail(email);
  if (!user) {
    throw new Error(`Seed: ${email} is not in the directory`);
  }
  return user;
}

/** Fills an empty store with the Northshire demo around `today`. People must already exist. */
export function seedDemo(store: SandboxStore, today: CalendarDate): void {
  const teamsList = store.listByTitle(FRONTLINE_TEAMS.title) as StoredList;
  const rotaList = store.listByTitle(VISIT_ROTA.title) as StoredList;
  const reportsList = store.listByTitle(VISIT_REPORTS.title) as StoredList;
  const draftsList = store.listByTitle(VISIT_REPORT_DRAFTS.title) as StoredList;
  const app = store.appPrincipal();
  const draftFieldNames = listDefinition(VISIT_REPORT_DRAFTS.urlName).fields.map((f) => f.internalName);
  const improvement = requireUser(store, FIXED_PERSONAS[2].email);
  const hos = requireUser(store, FIXED_PERSONAS[3].email);
  DEMO_PEOPLE.forEach((p) => requireUser(store, p.email));
  const setUpOn = instantOn(addDays(today, -400));

  const teams = store.bulkAddItems(
    teamsList,
    TEAMS.map((t) =>
      withDefaults(teamsList, { [T.Title]: t.title, [T.ServiceManager]: requireUser(store, t.manager).id, [T.HeadOfService]: hos.id, [T.IsActive]: true }),
    ),
    improvement.id,
    setUpOn,
  );

  const themes = seedThemes(store, improvement.id, setUpOn);
  const reportThemesList = store.listByTitle(REPORT_THEMES.title) as StoredList;

  const rotaFields: Array<{ day: CalendarDate; fields: FieldValues }> = [];
  for (let offset = -12; offset <= 12; offset++) {
    const day = visitDay(today, offset);
    const team = TEAMS[(offset + 12) % 3];
    const pair = PAIRS[(offset + 12) % PAIRS.length].map((email) => requireUser(store, email).id);
    const past = day < today;
    const notHeld = NOT_HELD[offset];
    const status = notHeld ? 'NotHeld' : offset === 3 ? 'Rescheduled' : past ? 'Held' : 'Scheduled';
    rotaFields.push({
      day,
      fields: withDefaults(rotaList, {
        [R.Title]: `${day.slice(0, 7)} ${team.short}`,
        // as SharePoint keeps a date-only value: midnight of the day in the site's time zone
        [R.VisitDate]: spNow(new Date(localMidnight(siteTimeZone(store, SITE_RELATIVE_URL), day))),
        [R.Team]: teams[(offset + 12) % 3].id,
        [R.Members]: pair,
        [R.MunicipalYear]: municipalYearOf(day),
        [R.RotaStatus]: status,
        [R.NotHeldReason]: notHeld || (status === 'Rescheduled' ? 'Moved from the original date while the team changes offices; new date to follow.' : null),
      }),
    });
  }
  const rota = store.bulkAddItems(
    rotaList,
    rotaFields.map((r) => r.fields),
    improvement.id,
    setUpOn,
  );

  // One report per held visit, by the pair's first demo persona (Hale/Osei) or its first member.
  const held = rota.filter((r) => r.fields[R.RotaStatus] === 'Held').sort((a, b) => String(b.fields[R.VisitDate]).localeCompare(String(a.fields[R.VisitDate])));
  const byAuthor = new Map<number, typeof held>();
  const fixedIds = [FIXED_PERSONAS[0].email, FIXED_PERSONAS[1].email].map((e) => requireUser(store, e).id);
  for (const entry of held) {
    const members = entry.fields[R.Members] as number[];
    const author = members.filter((id) => fixedIds.indexOf(id) !== -1)[0] || members[0];
    byAuthor.set(author, (byAuthor.get(author) || []).concat([entry]));
  }
  let variant = 0;
  for (const [authorId, entries] of byAuthor) {
    entries.forEach((entry, index) => {
      const day = rotaFields[rota.indexOf(entry)].day;
      const grid = GRIDS[variant % GRIDS.length];
      const feedback = FEEDBACK[variant % FEEDBACK.length];
      variant++;
      const isFixed = fixedIds.indexOf(authorId) !== -1;
      // Hale and Osei: newest draft, then submitted, then responded. Others: an overdue response, then an overdue draft.
      const status = isFixed
        ? index === 0
          ? 'Draft'
          : index === 1
            ? 'Submitted'
            : 'Responded'
        : index === 0
          ? 'Submitted'
          : index === 1
            ? 'Draft'
            : 'Responded';
      const submittedDay = addDays(day, isFixed ? 21 : 14);
      const submittedOn = status === 'Draft' ? null : instantOn(submittedDay < today ? submittedDay : addDays(today, -1));
      const fields = withDefaults(reportsList, {
        ...grid,
        [V.Title]: `Visit to ${TEAMS[teams.findIndex((t) => t.id === entry.fields[R.Team])].title}, ${day}`,
        [V.RotaEntry]: entry.id,
        [V.Team]: entry.fields[R.Team],
        [V.VisitDate]: entry.fields[R.VisitDate],
        [V.Members]: entry.fields[R.Members],
        [V.StaffInvolved]: 'Team manager, two senior practitioners, a newly qualified social worker and the business support officer.',
        [V.SafetyScale]: 5 + (variant % 4),
        [V.ReportStatus]: status,
        [V.SubmittedOn]: submittedOn ? submittedOn.toISOString().replace(/\.\d{3}Z$/, 'Z') : null,
        [V.HosFeedback]: status === 'Responded' ? feedback : null,
        ...areaAnswers(status === 'Responded', grid),
        [V.HosFeedbackBy]: status === 'Responded' ? hos.id : null,
        [V.HosFeedbackOn]:
          status === 'Responded' && submittedOn ? new Date(submittedOn.getTime() + 12 * 86400000).toISOString().replace(/\.\d{3}Z$/, 'Z') : null,
      });
      if (status === 'Draft') {
        // A draft lives in its own list until it is submitted, with the form's fields only.
        const draft: FieldValues = {};
        draftFieldNames.forEach((name) => (draft[name] = fields[name]));
        store.addItem(draftsList, withDefaults(draftsList, draft), authorId, instantOn(addDays(day, 2)));
        return;
      }
      // A submitted report was last changed when it was submitted (the bot checks SubmittedOn against Modified).
      const answer: FieldValues = {};
      for (const name of [V.HosFeedback, V.HosFeedbackBy, V.HosFeedbackOn, ...Object.keys(areaAnswers(false, grid))]) {
        answer[name] = fields[name];
        fields[name] = null;
      }
      const item = store.addItem(reportsList, { ...fields, [V.ReportStatus]: 'Submitted' }, authorId, submittedOn as Date);
      if (status === 'Responded') {
        // The improvement team confirmed the suggested themes of the answered reports.
        const grid = { ...gridOf(fields) };
        const areas = suggestedAreaThemes(grid, themes);
        store.addItem(
          reportThemesList,
          withDefaults(reportThemesList, {
            [REPORT_THEMES.fields.Title]: `Report ${item.id}`,
            [REPORT_THEMES.fields.ReportId]: item.id,
            [REPORT_THEMES.fields.VisitDate]: fields[V.VisitDate],
            [REPORT_THEMES.fields.StaffingThemes]: formatThemeIds(areas.staffing),
            [REPORT_THEMES.fields.PerformanceThemes]: formatThemeIds(areas.performance),
            [REPORT_THEMES.fields.OtherThemes]: formatThemeIds(areas.other),
          }),
          improvement.id,
          new Date((submittedOn as Date).getTime() + 2 * 86400000),
        );
      }
      if (status === 'Responded' && app) {
        // Answered before the demo starts: the bot wrote the answer, as it does through Graph.
        store.updateItem(reportsList, item.id, { ...answer, [V.ReportStatus]: 'Responded' }, app.id, new Date(String(answer[V.HosFeedbackOn])));
      }
    });
  }
}

/** The council's starting themes, as provisioning adds them to a new site. */
function seedThemes(store: SandboxStore, by: number, on: Date): Theme[] {
  const list = store.listByTitle(VISIT_THEMES.title) as StoredList;
  const items = store.bulkAddItems(
    list,
    DEFAULT_THEMES.map((t) =>
      withDefaults(list, {
        [VISIT_THEMES.fields.Title]: t.title,
        [VISIT_THEMES.fields.SuggestingWords]: formatThemeWords(t.words),
        [VISIT_THEMES.fields.IsActive]: true,
      }),
    ),
    by,
    on,
  );
  return items.map((item, index) => ({ id: item.id, title: DEFAULT_THEMES[index].title, words: DEFAULT_THEMES[index].words, isActive: true }));
}

/** A report's grid cells from its list fields. */
function gridOf(fields: FieldValues): Grid {
  const grid = {} as Grid;
  for (const row of GRID_ROWS) {
    for (const column of GRID_COLUMNS) {
      const key = gridCellKey(row, column);
      const text = fields[GRID_CELL_LIST_FIELDS[key]];
      grid[key] = typeof text === 'string' ? text : '';
    }
  }
  return grid;
}
