import type { M, Results } from './results';

const fmt = (m: M, digits = 3): string =>
  m === null
    ? 'n/a'
    : `${m.value.toFixed(digits)} [${m.lo.toFixed(digits)}, ${m.hi.toFixed(digits)}]`;

/** The comparison table, as Markdown (readable on a terminal too). */
export function resultsTable(results: Results): string {
  const columns: Array<[string, (r: Results['models'][string]) => string]> = [
    ['ROC AUC', (r) => fmt(r.roc_auc)],
    ['PR AUC', (r) => fmt(r.pr_auc)],
    ['P@1%', (r) => fmt(r.precision_at['1%'] ?? null)],
    ['P@5%', (r) => fmt(r.precision_at['5%'] ?? null)],
    ['lift@10%', (r) => fmt(r.lift_at_10pct, 2)],
    ['NDCG', (r) => fmt(r.ndcg)],
    ['Brier', (r) => fmt(r.brier, 4)],
    ['ECE', (r) => fmt(r.ece, 4)],
  ];
  const header = `| model | ${columns.map(([name]) => name).join(' | ')} |`;
  const rule = `|---|${columns.map(() => '---').join('|')}|`;
  const rows = Object.entries(results.models).map(
    ([name, r]) => `| ${name} | ${columns.map(([, f]) => f(r)).join(' | ')} |`,
  );
  const c = results.counts;
  const summary =
    `${results.dataset}: ${c.test_leads} test leads, base rate ${results.base_rate.toFixed(4)}, ` +
    `${c.train_leads} train, excluded ${c.excluded_decided} decided + ${c.excluded_unmatured} unmatured, ` +
    `${results.protocol.resamples} bootstrap resamples (95% intervals)`;
  return [summary, '', header, rule, ...rows].join('\n');
}

export function tierTable(results: Results): string {
  const models = Object.entries(results.models);
  const tiers = Object.keys(models[0]?.[1].tier_accuracy ?? {});
  const header = `| model | ${tiers.join(' | ')} |`;
  const rule = `|---|${tiers.map(() => '---').join('|')}|`;
  const rows = models.map(
    ([name, r]) =>
      `| ${name} | ${tiers.map((t) => fmt(r.tier_accuracy[t] ?? null)).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
