import { mayShowPhone } from '../core/phone-visibility.ts';
import { vi } from '../messages/vi.ts';

/**
 * A phone as officials see it (workbooks, /chuathi): the number when the person's consent version allows it, a note
 * that it is not shown when they gave one under an older consent text, null when they gave none.
 */
export function phoneForOfficials(person: { phone: string | null; consentVersion: string | null }, privacy: { phoneConsentVersions: readonly string[] }): string | null {
  if (person.phone === null) return null;
  return mayShowPhone(person, privacy) ? person.phone : vi.phoneHidden;
}
