import { viDashboard as t } from '../../messages/vi.ts';
import { html, type Html } from '../html.ts';

/** The page a /web link opens: one button, a form POST that spends the token (a GET never does). */
export function signInBody(token: string, csrf: string): Html {
  return html`<section class="narrow">
      <h1>${t.signInHeading}</h1>
      <p>${t.signInIntro}</p>
      <form method="post" action="/quan-tri/dang-nhap">
        <input type="hidden" name="t" value="${token}">
        <input type="hidden" name="csrf" value="${csrf}">
        <button class="button" type="submit">${t.signInButton}</button>
      </form>
    </section>`;
}

/** A refusal or notice: heading, sentence, and the way on. */
export function messageBody(title: string, text: string, link?: { href: string; label: string }): Html {
  return html`<section class="narrow">
      <h1>${title}</h1>
      <p>${text}</p>
      ${link ? html`<p><a class="button secondary" href="${link.href}">${link.label}</a></p>` : ''}
    </section>`;
}

/** Not signed in: how to get a link. */
export function signInNeededBody(note?: string): Html {
  return html`<section class="narrow">
      <h1>${t.signInNeededTitle}</h1>
      ${note ? html`<p class="note">${note}</p>` : ''}
      <p>${t.signInHow}</p>
    </section>`;
}
