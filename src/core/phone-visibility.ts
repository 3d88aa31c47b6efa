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
