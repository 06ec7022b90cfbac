/**
 * A site's regional time zone, as SharePoint keeps it (`/_api/web/RegionalSettings/TimeZone`),
 * and what it does to date-only columns: SharePoint keeps a date-only value as midnight of its
 * day in the site's time zone, so a value written as an instant lands on the site's local day of
 * that instant, and comes back as that local midnight expressed in UTC.
 */
import { midnightIn, offsetMinutesIn } from '../domain/calendarDate';
import type { SandboxStore } from './store';

export type SiteTimeZoneName = 'London' | 'UTC' | 'Pacific';

interface TimeZoneDefinition {
  /** SharePoint's time zone id (SPRegionalSettings.TimeZones). */
  id: number;
  description: string;
  iana: string;
  /** Minutes to add to local time to get UTC, in standard time, as SP.TimeZoneInformation has it. */
  bias: number;
  daylightBias: number;
}

export const SITE_TIME_ZONES: { readonly [name in SiteTimeZoneName]: TimeZoneDefinition } = {
  London: { id: 2, description: '(UTC) Dublin, Edinburgh, Lisbon, London', iana: 'Europe/London', bias: 0, daylightBias: -60 },
  UTC: { id: 93, description: '(UTC) Coordinated Universal Time', iana: 'UTC', bias: 0, daylightBias: 0 },
  Pacific: { id: 13, description: '(UTC-08:00) Pacific Time (US and Canada)', iana: 'America/Los_Angeles', bias: 480, daylightBias: -60 },
};

/** Provisioning sets London on the data site; a site nobody set keeps the tenant's default, here London too. */
export const DEFAULT_SITE_TIME_ZONE: SiteTimeZoneName = 'London';

export function isSiteTimeZoneName(value: unknown): value is SiteTimeZoneName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SITE_TIME_ZONES, value);
}

const metaKey = (sitePath: string): string => `timeZone:${sitePath || '/'}`;

export function siteTimeZone(store: SandboxStore, sitePath: string): SiteTimeZoneName {
  const stored = store.getMeta(metaKey(sitePath));
  // A bare site (never provisioned) starts in the tenant's default, Pacific in a new tenant.
  return isSiteTimeZoneName(stored) ? stored : store.bareSite ? 'Pacific' : DEFAULT_SITE_TIME_ZONE;
}

/** The zone with SharePoint's time zone id, among those the sandbox models. */
export function siteTimeZoneById(id: number): SiteTimeZoneName | undefined {
  return (Object.keys(SITE_TIME_ZONES) as SiteTimeZoneName[]).filter((name) => SITE_TIME_ZONES[name].id === id)[0];
}

export function setSiteTimeZone(store: SandboxStore, sitePath: string, name: SiteTimeZoneName): void {
  store.setMeta(metaKey(sitePath), name);
}

/** The SP.TimeZone entity's properties. */
export function timeZoneEntity(name: SiteTimeZoneName): { [k: string]: unknown } {
  const zone = SITE_TIME_ZONES[name];
  return {
    Description: zone.description,
    Id: zone.id,
    Information: { Bias: zone.bias, DaylightBias: zone.daylightBias, StandardBias: 0 },
  };
}

/** The site-local calendar day (YYYY-MM-DD) on which an instant falls. */
export function localDayOf(name: SiteTimeZoneName, instant: number): string {
  return new Date(instant + offsetMinutesIn(SITE_TIME_ZONES[name].iana, new Date(instant)) * 60000).toISOString().slice(0, 10);
}

/** The instant (ms) at which a site-local calendar day begins. */
export function localMidnight(name: SiteTimeZoneName, day: string): number {
  return midnightIn(SITE_TIME_ZONES[name].iana, day);
}

/**
 * A zoneless text such as `2026-10-25T00:00:00` is the site's local wall-clock time in
 * SharePoint REST; with a zone it is that instant.
 */
export function instantOf(name: SiteTimeZoneName, value: string): number {
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(value)) {
    return Date.parse(value);
  }
  const asUtc = Date.parse(/T/.test(value) ? `${value}Z` : `${value}T00:00:00Z`);
  const iana = SITE_TIME_ZONES[name].iana;
  const instant = asUtc - offsetMinutesIn(iana, new Date(asUtc)) * 60000;
  return asUtc - offsetMinutesIn(iana, new Date(instant)) * 60000;
}

/** What a date-only column keeps for a written value: midnight of the site-local day. */
export function dateOnlyStored(name: SiteTimeZoneName, value: string): number {
  return localMidnight(name, localDayOf(name, instantOf(name, value)));
}
