import type { Campaign, Unit } from '../core/types.ts';
import type { Services } from '../services/index.ts';

/**
 * What presentation (the citizens' dialogue, the officials' commands, later the web pages) is given: the campaign and
 * unit lists to format with, the clock, and the services for everything that reads or writes data.
 */
export interface PresentationContext {
  campaign: Campaign;
  units: readonly Unit[];
  services: Services;
  now: () => number;
  /** Where the web pages are (PUBLIC_BASE_URL, or the local address), without a trailing slash: /web links there. */
  webBaseUrl?: string;
}
