/**
 * Whether officials (the person's unit officials and the district's) may see a person's phone. The one place for the
 * consent rule: the consent text a person agreed to decides (a consent version per person is coming); until then a
 * phone given after consenting was given for contacting about the contest.
 */
export function mayShowPhone(person: { phone: string | null; consentAt: number | null }): boolean {
  return person.phone !== null && person.consentAt !== null;
}
