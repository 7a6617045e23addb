import { rankOrder } from './ranking';
import type { ModelScores } from './evaluate';

const WIDTH = 640;
const HEIGHT = 400;
const PAD = { left: 56, right: 150, top: 36, bottom: 44 };
const COLORS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
];

/** Lift at the top x% for x = 1..100: precision there over the base rate. */
export function liftCurve(
  model: ModelScores,
  leadIds: string[],
  labels: Uint8Array,
): number[] {
  const order = rankOrder(model.scores, leadIds);
  const n = order.length;
  const positives = labels.reduce((a, b) => a + b, 0);
  if (n === 0 || positives === 0) return [];
  const cumulative = new Int32Array(n + 1);
  for (let r = 0; r < n; r++)
    cumulative[r + 1] =
      (cumulative[r] as number) + (labels[order[r] as number] as number);
  return Array.from({ length: 100 }, (_, i) => {
    const k = Math.max(1, Math.round(((i + 1) / 100) * n));
    return (cumulative[k] as number) / k / (positives / n);
  });
}

/** A self-contained SVG of every model's lift curve. */
export function liftChartSvg(
  title: string,
  models: ModelScores[],
  leadIds: string[],
  labels: Uint8Array,
): string {
  const curves = models.map((m) => ({
    name: m.name,
    lift: liftCurve(m, leadIds, labels),
  }));
  const maxLift = Math.max(2, ...curves.flatMap((c) => c.lift));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (pct: number) => PAD.left + (pct / 100) * plotW;
  const y = (lift: number) => PAD.top + plotH - (lift / maxLift) * plotH;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${PAD.left}" y="20" font-size="14">${escapeXml(title)}: lift at top x% of test leads</text>`,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(100)}" y2="${y(0)}" stroke="black"/>`,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(0)}" y2="${y(maxLift)}" stroke="black"/>`,
    `<line x1="${x(0)}" y1="${y(1)}" x2="${x(100)}" y2="${y(1)}" stroke="#999" stroke-dasharray="4 4"/>`,
  ];
  for (const pct of [0, 25, 50, 75, 100]) {
    parts.push(
      `<text x="${x(pct)}" y="${y(0) + 18}" text-anchor="middle">${pct}%</text>`,
    );
  }
  const step = maxLift > 10 ? 5 : maxLift > 4 ? 2 : 1;
  for (let v = 0; v <= maxLift; v += step) {
    parts.push(
      `<text x="${x(0) - 8}" y="${y(v) + 4}" text-anchor="end">${v}</text>`,
    );
  }
  parts.push(
    `<text x="${x(50)}" y="${HEIGHT - 6}" text-anchor="middle">share of test leads, ranked by score</text>`,
  );
  curves.forEach((curve, i) => {
    const color = COLORS[i % COLORS.length];
    const points = curve.lift
      .map((l, k) => `${x(k + 1).toFixed(1)},${y(l).toFixed(1)}`)
      .join(' ');
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points}"/>`,
    );
    const ly = PAD.top + 16 + i * 18;
    parts.push(
      `<line x1="${WIDTH - PAD.right + 12}" y1="${ly - 4}" x2="${WIDTH - PAD.right + 32}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`,
    );
    parts.push(
      `<text x="${WIDTH - PAD.right + 38}" y="${ly}">${escapeXml(curve.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"]/g,
    (c) =>
      ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string,
  );
}
