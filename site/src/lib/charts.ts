import { init } from 'echarts';
import { keyFigureValue, keyFigures } from '@portal/shared';
import type { Report } from './content.ts';

/*
 * Charts drawn at build time with ECharts' server-side SVG renderer: the page gets a plain SVG,
 * no script. Series differ by pattern (decals) as well as colour, every bar carries its number,
 * and the same figures are in the table beside the chart (components/KeyFigures.astro).
 */

/** Colours with at least 3:1 contrast on white, told apart by pattern too. */
const palette = ['#a4161a', '#0b4f9c', '#1a6b30', '#7a4b00', '#5b2a86'];

/**
 * Whether a chart says anything the table does not: a trend (two years or more) or, for one year,
 * at least one figure above zero. One year of zeros would be an empty 0–1 axis.
 */
export function chartSaysSomething(reports: readonly Report[]): boolean {
  if (reports.length >= 2) return true;
  return reports.some((report) => keyFigures.some((figure) => (keyFigureValue(figure, report) ?? 0) > 0));
}

/**
 * The chart is drawn 360 units wide, a phone's width, and shown no wider than 30rem: its 13-unit
 * legend and labels stay at least 12 px on a 360 px screen (343 px of content) and never grow
 * past ~17 px on a desktop. (Drawn 720 wide, they were 6 px on a phone.)
 */
export const CHART_WIDTH = 360;

/**
 * ECharts writes `style="font-size:12px;…"` on its SVG elements; the portal's Content-Security-
 * Policy allows no inline style (scripts/publisher/nginx.conf), so each declaration becomes the
 * SVG presentation attribute of the same name (which the CSP does not govern), replacing an
 * attribute the style would have overridden. Its <style> element holds only the hover states of
 * an interactive chart (ECharts' SSR hover CSS); a static chart does without them.
 */
export function withoutInlineStyles(svg: string): string {
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=>]+="[^"]*")*)\s*(\/?)>/g, (tag, name: string, attributes: string, selfClosing: string) => {
      const parsed = [...attributes.matchAll(/\s+([^\s=>]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as [string, string]);
      const style = parsed.find(([key]) => key === 'style');
      if (!style) return tag;
      const declarations = style[1].split(';').flatMap((declaration) => {
        const colon = declaration.indexOf(':');
        const property = declaration.slice(0, colon).trim().toLowerCase();
        return colon > 0 && /^[a-z-]+$/.test(property) ? [[property, declaration.slice(colon + 1).trim()] as [string, string]] : [];
      });
      const kept = parsed.filter(([key]) => key !== 'style' && !declarations.some(([property]) => property === key));
      return `<${name}${[...kept, ...declarations].map(([key, value]) => ` ${key}="${value}"`).join('')}${selfClosing ? ' /' : ''}>`;
    });
}

/** An agency's key figures, year by year (oldest first), as an SVG string; empty when there is nothing to draw. */
export function keyFiguresChartSvg(reports: readonly Report[]): string {
  const years = [...reports].sort((a, b) => a.year - b.year);
  if (!chartSaysSomething(years)) return '';
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: 340, locale: 'ZH' });
  try {
    chart.setOption({
      animation: false,
      color: palette,
      textStyle: { fontFamily: 'PingFang SC, Microsoft YaHei, WenQuanYi Zen Hei, Noto Sans CJK SC, sans-serif', color: '#1f2328' },
      // Patterns on the bars; the accessible name is on the figure (an SVG string has no container to label).
      aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
      legend: { top: 0, left: 0, right: 0, itemGap: 8, itemWidth: 18, textStyle: { fontSize: 13 } },
      grid: { left: 40, right: 8, top: 84, bottom: 28 },
      xAxis: { type: 'category', data: years.map((r) => `${r.year}年`), axisLabel: { fontSize: 13, color: '#1f2328' } },
      yAxis: { type: 'value', name: '件', minInterval: 1, nameTextStyle: { fontSize: 13 }, axisLabel: { fontSize: 13, color: '#1f2328' } },
      series: keyFigures.map((figure) => ({
        name: figure.label,
        type: 'bar',
        label: { show: true, position: 'top', fontSize: 12, color: '#1f2328' },
        // 不适用 is no bar at all, not a zero.
        data: years.map((report) => keyFigureValue(figure, report) ?? '-'),
      })),
    });
    return withoutInlineStyles(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}
