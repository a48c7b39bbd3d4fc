import type { FaultMeasurement } from '../engine/run-types';
import type { ProbeSample } from '../probes/probe-sample';
import { escapeXml } from './escape';

const WIDTH = 960;
const LANE = 150;
const LEFT = 70;
const RIGHT = 20;
const TOP = 30;

/**
 * An inline SVG timeline: one lane per probe with each sample's latency (green circle when it
 * succeeded, red cross when it failed), the fault window shaded, and lines marking injection,
 * detection, revert and recovery.
 */
export function timelineSvg(
  samples: readonly ProbeSample[],
  faults: readonly FaultMeasurement[],
  start: number,
  end: number,
): string {
  const probes = [...new Set(samples.map((s) => s.probe))];
  const height = TOP + Math.max(1, probes.length) * LANE + 40;
  const span = Math.max(1, end - start);
  const x = (t: number) => LEFT + ((t - start) / span) * (WIDTH - LEFT - RIGHT);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="Probe latency and success across the fault window">`,
  );
  parts.push(`<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#fff"/>`);
  for (const f of faults) {
    if (f.injectedAt === undefined) continue;
    const until = f.revertedAt ?? f.recoveredAt ?? end;
    parts.push(
      `<rect class="fault-window" data-fault="${escapeXml(f.id)}" x="${x(f.injectedAt).toFixed(1)}" y="${TOP}" width="${Math.max(1, x(until) - x(f.injectedAt)).toFixed(1)}" height="${probes.length * LANE}" fill="#f59e0b" fill-opacity="0.12"/>`,
    );
  }
  probes.forEach((probe, lane) => {
    const own = samples.filter((s) => s.probe === probe);
    const max = Math.max(1, ...own.map((s) => s.latencyMs));
    const top = TOP + lane * LANE;
    const bottom = top + LANE - 20;
    const y = (latency: number) => bottom - (latency / max) * (LANE - 40);
    parts.push(`<g class="lane" data-probe="${escapeXml(probe)}">`);
    parts.push(`<line x1="${LEFT}" y1="${bottom}" x2="${WIDTH - RIGHT}" y2="${bottom}" stroke="#999"/>`);
    parts.push(
      `<text x="4" y="${top + 14}" font-size="12" font-family="sans-serif">${escapeXml(probe)}</text>`,
    );
    parts.push(
      `<text x="4" y="${top + 30}" font-size="10" font-family="sans-serif" fill="#666">max ${max} ms</text>`,
    );
    const points = own.map((s) => `${x(s.at).toFixed(1)},${y(s.latencyMs).toFixed(1)}`).join(' ');
    if (own.length > 1)
      parts.push(`<polyline points="${points}" fill="none" stroke="#94a3b8" stroke-width="1"/>`);
    for (const s of own) {
      const cx = x(s.at).toFixed(1);
      const cy = y(s.latencyMs).toFixed(1);
      const title = `<title>${escapeXml(`${new Date(s.at).toISOString()} ${s.ok ? 'ok' : `failed: ${s.error ?? ''}`} ${s.latencyMs} ms`)}</title>`;
      if (s.ok)
        parts.push(`<circle class="sample ok" cx="${cx}" cy="${cy}" r="3" fill="#16a34a">${title}</circle>`);
      else
        parts.push(
          `<path class="sample failed" d="M${Number(cx) - 3},${Number(cy) - 3}l6,6m0,-6l-6,6" stroke="#dc2626" stroke-width="2">${title}</path>`,
        );
    }
    parts.push('</g>');
  });
  const markers: Array<[keyof FaultMeasurement, string, string]> = [
    ['injectedAt', 'injected', '#f59e0b'],
    ['detectedAt', 'detected', '#dc2626'],
    ['revertedAt', 'reverted', '#2563eb'],
    ['recoveredAt', 'recovered', '#16a34a'],
  ];
  for (const f of faults) {
    for (const [key, label, colour] of markers) {
      const t = f[key];
      if (typeof t !== 'number') continue;
      parts.push(
        `<g class="marker marker-${label}" data-fault="${escapeXml(f.id)}" data-at="${t}"><line x1="${x(t).toFixed(1)}" y1="${TOP - 10}" x2="${x(t).toFixed(1)}" y2="${TOP + probes.length * LANE}" stroke="${colour}" stroke-width="2" stroke-dasharray="${label === 'detected' ? '4 3' : 'none'}"/><text x="${(x(t) + 3).toFixed(1)}" y="${TOP - 14 + markers.findIndex((m) => m[1] === label) * 0}" font-size="11" font-family="sans-serif" fill="${colour}">${label}</text></g>`,
      );
    }
  }
  parts.push(
    `<text x="${LEFT}" y="${height - 8}" font-size="11" font-family="sans-serif" fill="#666">0 s</text>`,
  );
  parts.push(
    `<text x="${WIDTH - RIGHT - 60}" y="${height - 8}" font-size="11" font-family="sans-serif" fill="#666">${(span / 1000).toFixed(1)} s</text>`,
  );
  parts.push('</svg>');
  return parts.join('\n');
}
