import { sortUnits } from '../../bank/units.ts';
import type { Campaign, Unit } from '../../core/types.ts';
import { formatCode } from '../../core/web-door.ts';
import { viWebDoor as t } from '../../messages/vi.ts';
import { html, type Html } from '../html.ts';

/** What was typed into the registration form (given back as is when something is wrong: nothing is lost). */
export interface RegistrationValues {
  consent: boolean;
  commune: string;
  agency: string;
  name: string;
  phone: string;
  /** The link's invite payload ("u-<unit>", "r-<code>"), carried by a hidden field. */
  via: string;
}

export type RegistrationErrors = Partial<Record<'consent' | 'commune' | 'agency' | 'name' | 'phone', string>>;

/** The hidden field people leave empty (visually away, out of the tab order, not autofilled); scripts fill it. */
export const HONEYPOT = 'trang-web';

/** One labelled field with its hint and, beside it, what is wrong with it. */
function field(id: string, label: string, control: (describedBy: string, invalid: boolean) => Html, opts: { hint?: string; error?: string | undefined }): Html {
  const ids = [opts.hint ? `${id}-goi-y` : '', opts.error ? `${id}-loi` : ''].filter(Boolean).join(' ');
  return html`<div class="field${opts.error ? ' invalid' : ''}">
      <label for="${id}">${label}</label>
      ${opts.hint ? html`<p class="note" id="${id}-goi-y">${opts.hint}</p>` : ''}
      ${opts.error ? html`<p class="error" id="${id}-loi">${opts.error}</p>` : ''}
      ${control(ids, Boolean(opts.error))}
    </div>`;
}

const described = (ids: string, invalid: boolean) => html`${ids ? html` aria-describedby="${ids}"` : ''}${invalid ? html` aria-invalid="true"` : ''}`;

function unitSelect(id: string, units: readonly Unit[], chosen: string, first: { value: string; label: string }, required: boolean) {
  return (ids: string, invalid: boolean) =>
    html`<select id="${id}" name="${id}"${required ? html` required` : ''}${described(ids, invalid)}>
        <option value="${first.value}">${first.label}</option>
        ${sortUnits(units).map((u) => html`<option value="${u.code}"${u.code === chosen ? html` selected` : ''}>${u.name}</option>`)}
      </select>`;
}

/**
 * The registration form (the open door): the chat's consent text, commune (unless the link names it), agency when the
 * campaign has agencies (unless the link names one), full name, phone. No script; CSRF in a hidden field.
 */
export function registrationBody(o: {
  campaign: Campaign;
  units: readonly Unit[];
  consentText: string;
  /** The unit the link names (counted for it; its question is not asked). */
  viaUnit?: Unit;
  values: RegistrationValues;
  errors: RegistrationErrors;
  csrf: string;
  notice?: string;
}): Html {
  const { values: v, errors: e, viaUnit } = o;
  const communes = o.units.filter((u) => u.kind === 'commune');
  const agencies = o.units.filter((u) => u.kind === 'agency');
  const hasErrors = Object.keys(e).length > 0;
  return html`<section class="narrow quiz-page door">
      <h1>${t.registerHeading}</h1>
      ${o.notice ? html`<p class="notice" role="alert">${o.notice}</p>` : hasErrors ? html`<p class="notice" role="alert">${t.errorsAbove}</p>` : ''}
      ${viaUnit ? html`<p class="notice">${t.unitFixed(viaUnit.name)}</p>` : ''}
      <p class="note">${t.registerIntro}</p>
      <form method="post" action="/thi/dang-ky" class="door-form" novalidate>
        <h2>${t.consentHeading}</h2>
        <p class="consent">${o.consentText}</p>
        <div class="field check${e.consent ? ' invalid' : ''}">
          ${e.consent ? html`<p class="error" id="dong-y-loi">${e.consent}</p>` : ''}
          <label class="option"><input type="checkbox" name="dong-y" value="1" required${v.consent ? html` checked` : ''}${described(e.consent ? 'dong-y-loi' : '', Boolean(e.consent))}> <span>${t.consentLabel}</span></label>
        </div>
        ${viaUnit?.kind === 'commune' ? '' : field('xa', t.communeLabel(o.campaign.labels), unitSelect('xa', communes, v.commune, { value: '', label: t.communeChoose }, true), { error: e.commune })}
        ${agencies.length && viaUnit?.kind !== 'agency' ? field('co-quan', t.agencyLabel, unitSelect('co-quan', agencies, v.agency, { value: '', label: t.agencyNone }, false), { error: e.agency }) : ''}
        ${field('ho-ten', t.nameLabel, (ids, bad) => html`<input id="ho-ten" name="ho-ten" type="text" autocomplete="name" maxlength="120" required value="${v.name}"${described(ids, bad)}>`, { hint: t.nameHint, error: e.name })}
        ${field('sdt', t.phoneLabel, (ids, bad) => html`<input id="sdt" name="sdt" type="tel" inputmode="tel" autocomplete="tel" maxlength="24" required value="${v.phone}"${described(ids, bad)}>`, { hint: t.phoneHint, error: e.phone })}
        <div class="hp" aria-hidden="true"><label for="${HONEYPOT}">${t.honeypotLabel}</label><input id="${HONEYPOT}" name="${HONEYPOT}" type="text" tabindex="-1" autocomplete="off" value=""></div>
        <input type="hidden" name="moi" value="${v.via}">
        <input type="hidden" name="csrf" value="${o.csrf}">
        <button class="button big" type="submit">${t.registerButton}</button>
      </form>
      <p><a href="/thi/vao-lai">${t.reEntryLink}</a></p>
    </section>`;
}

/** The re-entry form: phone and personal code; a refusal never says which of the two is wrong. */
export function reEntryBody(o: { values: { phone: string; code: string }; errors: { phone?: string; code?: string }; csrf: string; notice?: string }): Html {
  const { values: v, errors: e } = o;
  return html`<section class="narrow quiz-page door">
      <h1>${t.reEntryHeading}</h1>
      ${o.notice ? html`<p class="notice" role="alert">${o.notice}</p>` : ''}
      <p>${t.reEntryIntro}</p>
      <form method="post" action="/thi/vao-lai" class="door-form" novalidate>
        ${field('sdt', t.phoneLabel, (ids, bad) => html`<input id="sdt" name="sdt" type="tel" inputmode="tel" autocomplete="tel" maxlength="24" required value="${v.phone}"${described(ids, bad)}>`, { error: e.phone })}
        ${field('ma', t.codeLabel, (ids, bad) => html`<input id="ma" name="ma" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="16" required value="${v.code}"${described(ids, bad)}>`, { hint: t.codeHint, error: e.code })}
        <input type="hidden" name="csrf" value="${o.csrf}">
        <button class="button big" type="submit">${t.reEntryButton}</button>
      </form>
      <p class="note">${t.reEntryLost}</p>
      <p><a href="/thi/dang-ky">${t.registerLink}</a></p>
    </section>`;
}

/** The personal re-entry code, shown at registration and on every result page of a web person. */
export function codeBox(code: string): Html {
  return html`<section class="code-box">
      <h2>${t.codeHeading}</h2>
      <p class="reentry-code">${formatCode(code)}</p>
      <p class="note">${t.codeText}</p>
    </section>`;
}

/** A web person's invite link (like /moi): people registering through it count for them as a mobiliser. */
export function inviteBox(link: string, counts: { total: number; finished: number }): Html {
  return html`<section class="invite">
      <h2>${t.inviteHeading}</h2>
      <p>${t.inviteIntro}</p>
      <p class="url">${link}</p>
      <p class="note">${t.inviteCounts(counts.total, counts.finished)}</p>
    </section>`;
}

/** "Xóa dữ liệu của tôi": what is erased, confirmed by the phone's last four digits. */
export function deleteBody(csrf: string, error?: string): Html {
  return html`<section class="narrow quiz-page door">
      <h1>${t.deleteHeading}</h1>
      <p>${t.deleteText}</p>
      <form method="post" action="/thi/xoa-du-lieu" class="door-form" novalidate>
        ${field('so-cuoi', t.deleteLabel, (ids, bad) => html`<input id="so-cuoi" name="so-cuoi" type="text" inputmode="numeric" autocomplete="off" maxlength="8" required${described(ids, bad)}>`, { error })}
        <input type="hidden" name="csrf" value="${csrf}">
        <button class="button big danger" type="submit">${t.deleteButton}</button>
      </form>
      <p><a href="/thi">${t.back}</a></p>
    </section>`;
}

/** A signed-in person opening the registration or re-entry page: who this browser is, and the way on. */
export function alreadyBody(name: string): Html {
  return html`<section class="narrow quiz-page door">
      <h1>${t.registerHeading}</h1>
      <p>${t.signedInAlready(name)}</p>
      <p><a class="button big" href="/thi">${t.continueButton}</a></p>
      <p class="note">${t.otherPerson}</p>
    </section>`;
}
