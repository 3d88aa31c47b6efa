import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { renderSvgToPng } from '../src/charts/index.ts';
import { CERTIFICATE_FONT_FAMILY, certificateFontFiles, renderCertificatePdf, renderCertificatePng, type CertificateContent } from '../src/documents/certificate/index.ts';
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { envSchema } from '../src/config/env.ts';
import { seededRandom } from '../src/core/random.ts';
import { renderIssuedCertificate } from '../src/documents/certificate/index.ts';
import { addPeople, playAttempt } from '../tests/support/reminders/harness.ts';
import { benchDir, percentile, report } from './util.ts';

/**
 * `npm run bench -- certificates` (issue 26): the participation certificate, PDF and PNG. The first of each (fonts
 * read and parsed, the first worker thread), then 100 people in a row as the bot would serve them (both files each,
 * the event loop free between people): p50/p95 per file, sizes, and every 10 people the process's RSS and heap as
 * the bot would have them, then the heap still alive after a forced garbage collection, which must stay flat. Floor: a blank page of the same size through the same worker with the same
 * fonts (starting the thread, loading resvg and the fonts, encoding the PNG), 20 times.
 */
const PEOPLE = 100;
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Lương', 'Nông', 'Hà'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Ngọc', 'Minh', 'Thu', 'Quốc', 'Hữu', 'Thanh', 'Xuân'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hương', 'Khánh', 'Lan', 'Mỹ', 'Nguyệt', 'Phượng', 'Quỳnh', 'Sơn', 'Thảo', 'Tuấn', 'Yến', 'Ưng', 'Ánh'];

function person(i: number): CertificateContent {
  return {
    name: `${SURNAMES[i % SURNAMES.length]} ${MIDDLE[(i * 7) % MIDDLE.length]} ${GIVEN[(i * 11) % GIVEN.length]}`,
    unit: `Xã ${['Bắc Sơn', 'Vũ Lễ', 'Hữu Vĩnh', 'Chiến Thắng', 'Nhất Hòa', 'Tân Tri'][i % 6]}`,
    contestTitle: 'Cuộc thi trắc nghiệm tìm hiểu Nghị quyết 57-NQ/TW và pháp luật về chuyển đổi số tỉnh Lạng Sơn',
    organiser: 'Ủy ban nhân dân tỉnh Lạng Sơn',
    roundName: i % 4 === 3 ? null : `Tuần ${(i % 4) + 1}`,
    score: i % 11,
    maxScore: 10,
    date: Date.UTC(2027, 0, 4) + i * 3_600_000,
    signerTitle: 'TRƯỞNG BAN TỔ CHỨC',
    signerName: i % 2 ? 'Nguyễn Văn Khánh' : '',
    verifyUrl: `https://thi.langson.gov.vn/chung-nhan/${Buffer.from(`code-${i}-0123456789`).toString('base64url')}`,
    inviteUrl: `https://t.me/cds_langson_bot?start=m-${i.toString(36).padStart(8, '0')}`,
  };
}

// `npm run bench` runs without --expose-gc: the flag is set now, and a new context hands over the function.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await f();
  return [out, performance.now() - t];
}

export async function benchCertificates(): Promise<void> {
  await settle();
  const before = process.memoryUsage();
  const [pdf, firstPdfMs] = await timed(() => renderCertificatePdf(person(0)));
  const [png, firstPngMs] = await timed(() => renderCertificatePng(person(0)));
  const pdfMs: number[] = [];
  const pngMs: number[] = [];
  const samples: string[] = [];
  for (let i = 1; i <= PEOPLE; i++) {
    pdfMs.push((await timed(() => renderCertificatePdf(person(i))))[1]);
    pngMs.push((await timed(() => renderCertificatePng(person(i))))[1]);
    await settle();
    if (i % 10 === 0) {
      const m = process.memoryUsage();
      gc();
      const live = process.memoryUsage();
      samples.push(`  after ${String(i).padStart(3)}: RSS ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB, external ${mb(m.external)} MB; after a forced GC: heap ${mb(live.heapUsed)} MB, external ${mb(live.external)} MB`);
    }
  }
  const blank = `<svg xmlns="http://www.w3.org/2000/svg" width="841.89" height="595.28"><rect width="100%" height="100%" fill="#fff"/></svg>`;
  const floorMs: number[] = [];
  for (let i = 0; i < 20; i++) floorMs.push((await timed(() => renderSvgToPng(blank, 1600, { files: Object.values(certificateFontFiles), family: CERTIFICATE_FONT_FAMILY })))[1]);
  report(`certificates: ${PEOPLE} people in a row, PDF then PNG (1600 × 1131) each`, {
    'first PDF ms (reads fonts)': firstPdfMs,
    'first PNG ms (worker+resvg)': firstPngMs,
    'PDF p50 ms': percentile(pdfMs, 50),
    'PDF p95 ms': percentile(pdfMs, 95),
    'PNG p50 ms': percentile(pngMs, 50),
    'PNG p95 ms': percentile(pngMs, 95),
    'PNG floor p50 ms (blank)': percentile(floorMs, 50),
    'PDF KB': Math.round(pdf.length / 1024),
    'PNG KB': Math.round(png.length / 1024),
    'RSS before the first, MB': mb(before.rss),
    'heap before the first, MB': mb(before.heapUsed),
  });
  console.log(samples.join('\n'));
}

/**
 * The certificates as `/chungnhan` serves them: the real app on SQLite, 100 people who each finished an attempt, then
 * for each in a row the certificate issued (stored with its code on the first ask) and both files rendered — the
 * time per person, and RSS and the heap after a forced GC every 10 people (flat: nothing is kept).
 */
export async function benchIssuedCertificates(): Promise<void> {
  const dir = benchDir();
  const now = Date.parse('2023-07-05T09:00:00+07:00');
  const app = await createApp(envSchema.parse({ DATABASE_URL: `${dir.path}/cert.sqlite`, DATA_DIR: dir.path, DEMO: 'off', LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'https://cds.example.vn' }), {
    now: () => now,
    random: seededRandom(1),
    log: pino({ level: 'silent' }),
  });
  try {
    const ids = await addPeople(app, PEOPLE);
    for (const [i, id] of ids.entries()) await playAttempt(app, id, i % 11);
    const urls = { baseUrl: 'https://cds.example.vn', inviteUrl: 'https://t.me/cds_bacson_bot?start=r-abcdef12' };
    const serve = async (id: number) => {
      const cert = await app.services.certificates.issue(id);
      if (!cert) throw new Error(`no certificate for ${id}`);
      return renderIssuedCertificate(app.campaign, cert, urls);
    };
    await serve(ids[0]!); // fonts, worker
    await settle();
    gc();
    const start = process.memoryUsage();
    const ms: number[] = [];
    const samples: string[] = [];
    for (const [i, id] of ids.entries()) {
      ms.push((await timed(() => serve(id)))[1]);
      await settle();
      if ((i + 1) % 10 === 0) {
        const m = process.memoryUsage();
        gc();
        samples.push(`  after ${String(i + 1).padStart(3)}: RSS ${mb(m.rss)} MB; after a forced GC: heap ${mb(process.memoryUsage().heapUsed)} MB`);
      }
    }
    const end = process.memoryUsage();
    report(`certificates served: ${PEOPLE} finishers in a row, issue (SQLite) + PDF + PNG each`, {
      'per person p50 ms': percentile(ms, 50),
      'per person p95 ms': percentile(ms, 95),
      'per person max ms': Math.max(...ms),
      'RSS at start MB': mb(start.rss),
      'RSS after 100 MB': mb(end.rss),
      'heap at start (GC) MB': mb(start.heapUsed),
      'heap after 100 MB': mb(end.heapUsed),
    });
    console.log(samples.join('\n'));
  } finally {
    await app.close();
    dir.remove();
  }
}

