import type { PresentationContext } from '../contract/context.ts';
import type { InboundEvent, Reply } from '../contract/messages.ts';
import { personPayload } from '../core/invites.ts';
import { renderIssuedCertificate } from '../documents/certificate/index.ts';
import { vi } from '../messages/vi.ts';
import type { Person } from '../services/participants.ts';
import { say } from './feature.ts';

/** Without PUBLIC_BASE_URL the app's own address (webBaseUrl in app.ts); this only when none was given at all. */
const LOCAL_WEB = 'http://127.0.0.1';

/**
 * `/chungnhan`: the person's participation certificate — the PNG as a photo (with their invite link's QR code when
 * the channel's invite is a web address) and the PDF as a document. Telegram sends both files, Zalo through its
 * download links, the local chat saves them under DATA_DIR/exports/ and prints their paths.
 */
export async function certificateReply(ctx: PresentationContext, person: Person, event: InboundEvent): Promise<Reply> {
  const cert = await ctx.services.certificates.issue(person.id);
  if (!cert) return say(vi.certificateNone);
  const invite = (event.inviteQr ?? event.inviteLink)(personPayload(person.inviteCode));
  const inviteUrl = /^https?:\/\//u.test(invite) ? invite : null;
  const files = await renderIssuedCertificate(ctx.campaign, cert, { baseUrl: ctx.webBaseUrl ?? LOCAL_WEB, inviteUrl });
  return {
    messages: [
      { text: vi.certificatePhoto(cert.round?.name ?? null, inviteUrl !== null), photo: { ...files.png, mime: 'image/png' } },
      { text: vi.certificatePdf, document: { ...files.pdf, mime: 'application/pdf' } },
    ],
  };
}
