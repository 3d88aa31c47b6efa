import type { Campaign } from '../../core/types.ts';
import { viWeb } from '../../messages/vi.ts';
import { html, type Html } from '../html.ts';
import { roundsTable } from './parts.ts';

/** `GET /the-le`: the rules, all from the campaign file (rounds, attempts, time, scoring, tie-break). */
export function rulesBody(campaign: Campaign, now: number): Html {
  const r = viWeb.rules;
  return html`<h1>${viWeb.rulesHeading}</h1>
    <p>${campaign.title} — ${campaign.organiser}</p>
    <h2>${viWeb.roundsHeading}</h2>
    ${roundsTable(campaign, now)}
    <ol class="rules">
      <li>${r.who}</li>
      <li>${r.how(campaign.labels)}</li>
      <li>${r.questions(campaign.questionsPerAttempt, campaign.attemptMinutes)}</li>
      <li>${r.attempts(campaign.attemptsPerRound)}</li>
      <li>${r.scoring}</li>
      <li>${r.ranking}</li>
      <li>${r.prediction(campaign.predictionQuestion)}</li>
      <li>${r.units(campaign.labels)}</li>
      ${campaign.populationBasis ? html`<li>${r.population(campaign.labels, campaign.populationBasis)}</li>` : ''}
      <li>${r.privacy(campaign.privacy.law)}</li>
    </ol>`;
}

/** The Vietnamese 404 page: an unknown unit code, or any unknown address. */
export function notFoundBody(message: string): Html {
  return html`<h1>${viWeb.notFoundTitle}</h1><p>${message}</p><p><a class="button" href="/">${viWeb.backHome}</a></p>`;
}
