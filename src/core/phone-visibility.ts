/**
 * Consent versions shipped before the consent text said who sees the phone (the person's unit officials and the
 * district's): people who agreed to them never agreed to that, and a campaign may not reuse them for the new text.
 */
export const CONSENT_VERSIONS_WITHOUT_PHONE: readonly string[] = ['nd13-2023-v1', 'nd13-2023-v2', 'luat-91-2025-v1'];

/**
 * Whether officials (the person's unit officials and the district's) may see a person's phone. The one place for the
 * consent rule: the consent text the person agreed to decides, by its stored version. `phoneConsentVersions` are the
 * campaign's versions whose text says so (the current one, and earlier ones the campaign file lists).
 */
export function mayShowPhone(person: { phone: string | null; consentVersion: string | null }, privacy: { phoneConsentVersions: readonly string[] }): boolean {
  return person.phone !== null && person.consentVersion !== null && privacy.phoneConsentVersions.includes(person.consentVersion);
}

/**
 * A phone as officials may see it (workbooks, /chuathi, the dashboard): the number when the owner's consent version
 * allows it; `hidden` when they gave one under a consent text that did not say who sees it (presentation words it);
 * null when they gave none.
 */
export type OfficialPhone = { kind: 'shown'; number: string } | { kind: 'hidden' } | null;

export function phoneForOfficials(person: { phone: string | null; consentVersion: string | null }, privacy: { phoneConsentVersions: readonly string[] }): OfficialPhone {
  if (person.phone === null) return null;
  return mayShowPhone(person, privacy) ? { kind: 'shown', number: person.phone } : { kind: 'hidden' };
}
