import type { App } from '../../src/app.ts';
import type { FakeTelegram, FakeUser } from '../support/fake-telegram/index.ts';
import { botSays, currentQuestion, mark, readQuestion, tapAndExpect } from './telegram.ts';

/** Starts an attempt with the "Bắt đầu thi" button (or /thi) and taps through it, `wrong` answers wrong on purpose. */
export async function tapThroughQuiz(fake: FakeTelegram, app: App, user: FakeUser, options: { wrong?: number[]; useCommand?: boolean } = {}): Promise<void> {
  if (options.useCommand) {
    const after = mark(user);
    user.send('/thi');
    await botSays(fake, user, /^Câu 1\//u, after);
  } else {
    await tapAndExpect(fake, user, 'Bắt đầu thi', /^Câu 1\//u);
  }
  for (;;) {
    const message = await fake.waitFor(() => currentQuestion(user), { what: 'a question' });
    const q = readQuestion(app, message);
    const letter = options.wrong?.includes(q.n) ? q.wrong : q.correct;
    const after = mark(user);
    user.tap(q.labels.find((l) => l.startsWith(`${letter}.`))!);
    if (q.n === q.total) {
      await botSays(fake, user, /Câu hỏi dự đoán/u, after);
      return;
    }
    await botSays(fake, user, new RegExp(`^Câu ${q.n + 1}/`, 'u'), after);
  }
}
