import type { FastifyReply } from 'fastify';
import type { Campaign } from '../core/types.ts';
import { viWeb } from '../messages/vi.ts';
import { html, type Html } from './html.ts';

export interface PageShell {
  campaign: Campaign;
  cssUrl: string;
  /** The tab's title, before the campaign's. */
  title?: string;
  /** Which nav entry is the current page. */
  current?: 'home' | 'units' | 'rules';
  /** Print pages (the poster) have no header, nav or footer. */
  bare?: boolean;
  /** Another site section's navigation (the officials' dashboard) instead of the public one. */
  section?: { brand: { href: string; label: string }; nav: { href: string; label: string; current: boolean }[]; bar?: Html; footer?: string };
  body: Html;
  /** Keep search engines away (`<meta name="robots" content="noindex, nofollow">`): pages about one person. */
  noindex?: boolean;
}

const NAV: { key: 'home' | 'units' | 'rules'; href: string }[] = [
  { key: 'home', href: '/' },
  { key: 'units', href: '/don-vi' },
  { key: 'rules', href: '/the-le' },
];

/** The document around every page: Vietnamese, mobile viewport, the one stylesheet, no script. */
export function page(shell: PageShell): string {
  const { campaign } = shell;
  const title = shell.title ? `${shell.title} — ${campaign.title}` : campaign.title;
  const chrome = (body: Html) =>
    shell.bare
      ? body
      : html`<header class="site">
            <a class="brand" href="${shell.section?.brand.href ?? '/'}">${shell.section?.brand.label ?? viWeb.siteName}</a>
            <nav>${(shell.section?.nav ?? NAV.map((n) => ({ href: n.href, label: viWeb.nav[n.key], current: n.key === shell.current }))).map(
              (n) => html`<a href="${n.href}"${n.current ? html` aria-current="page"` : ''}>${n.label}</a>`,
            )}</nav>
          </header>
          ${shell.section?.bar ?? ''}
          ${campaign.demo ? html`<p class="demo">${viWeb.demo}</p>` : ''}
          <main>${body}</main>
          <footer class="site"><p>${shell.section?.footer ?? viWeb.footer(campaign.organiser)}</p></footer>`;
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${campaign.title} — ${campaign.organiser}">${shell.noindex ? html`
<meta name="robots" content="noindex, nofollow">` : ''}
<link rel="stylesheet" href="${shell.cssUrl}">
</head>
<body${shell.bare ? html` class="print"` : ''}>
${chrome(shell.body)}
</body>
</html>`.value;
}

/** A page for one signed-in person (the dashboard, the web quiz): never cached, never indexed. */
export function sendPrivatePage(reply: FastifyReply, status: number, shell: PageShell): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow').type('text/html; charset=utf-8').send(page(shell));
}

/**
 * The page a one-time link opens (an official's /web link, a participant's quiz link): one button whose form POST
 * spends the token, so that a GET — a link preview's — never does.
 */
export function spendLinkBody(o: { sectionClass: string; heading: string; intro: string; action: string; token: string; csrf: string; button: string; buttonClass: string }): Html {
  return html`<section class="${o.sectionClass}">
      <h1>${o.heading}</h1>
      <p>${o.intro}</p>
      <form method="post" action="${o.action}">
        <input type="hidden" name="t" value="${o.token}">
        <input type="hidden" name="csrf" value="${o.csrf}">
        <button class="${o.buttonClass}" type="submit">${o.button}</button>
      </form>
    </section>`;
}
