import { viDashboard as t } from '../../messages/vi.ts';
import { html, type Html } from '../html.ts';
import { spendLinkBody } from '../layout.ts';

/** The page a /web link opens: one button, a form POST that spends the token (a GET never does). */
export function signInBody(token: string, csrf: string): Html {
  return spendLinkBody({ sectionClass: 'narrow', heading: t.signInHeading, intro: t.signInIntro, action: '/quan-tri/dang-nhap', token, csrf, button: t.signInButton, buttonClass: 'button' });
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
