import type { Rng } from '../rng';

// The hidden world of one simulated lead: who it is, how much it wants a
// car, and how the dealer behaves. Nothing here is visible to a model
// except through the attributes and events derived from it.
export const CHANNELS: Array<{ name: string; weight: number; shift: number }> =
  [
    { name: 'app_booking', weight: 0.25, shift: 0.3 },
    { name: 'website_form', weight: 0.25, shift: 0 },
    { name: 'phone_inquiry', weight: 0.15, shift: 0.2 },
    { name: 'dealer_walkin', weight: 0.1, shift: 0.6 },
    { name: 'auto_show', weight: 0.1, shift: -0.4 },
    { name: 'referral', weight: 0.15, shift: 0.4 },
  ];

export const MODELS = ['sedan', 'suv', 'mpv', 'compact'];
export const AGE_BANDS = ['18-25', '26-35', '36-45', '46-60', '60+'];

export interface Dealer {
  id: string;
  quality: number;
  responsiveness: number;
}

export function makeDealers(count: number, rng: Rng): Dealer[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `D${String(i + 1).padStart(2, '0')}`,
    quality: 0.5 * rng.normal(),
    responsiveness: 0.55 + 0.4 * rng.next(),
  }));
}

export function pickWeighted<T extends { weight: number }>(
  items: T[],
  rng: Rng,
): T {
  let u = rng.next();
  for (const item of items) {
    u -= item.weight;
    if (u < 0) return item;
  }
  return items[items.length - 1] as T;
}

export function pick<T>(items: T[], rng: Rng): T {
  return items[rng.int(items.length)] as T;
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Probability of each funnel step given the lead's drive u. */
export function stepProbabilities(u: number, dealer: Dealer): number[] {
  return [
    dealer.responsiveness * sigmoid(0.6 + 0.8 * u),
    sigmoid(-1.0 + 1.1 * u + dealer.quality),
    sigmoid(-0.4 + 1.1 * u + dealer.quality),
    sigmoid(-1.6 + 1.3 * u + dealer.quality),
  ];
}
