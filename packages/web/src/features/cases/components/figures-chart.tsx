import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { CASE_CATEGORIES, CASE_CATEGORY_LABELS } from '../labels.ts';
import type { FiguresRow } from '../types.ts';

type Cat = keyof FiguresRow['byCategory'];

// Loaded lazily by the figures page (echarts is the heaviest thing in the bundle): only the chart
// kinds and parts used here are registered.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

function useChart(option: echarts.EChartsCoreOption) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption(option);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option]);
  return el;
}

/** Volumes by category, stacked per row (estate, company, street or department). */
export function VolumeChart({ rows }: { rows: FiguresRow[] }) {
  const used = CASE_CATEGORIES.filter((c) => rows.some((r) => (r.byCategory[c as Cat] ?? 0) > 0));
  const el = useChart({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 48, right: 24, top: 64, bottom: 60 },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', name: '件', minInterval: 1 },
    series: used.map((c) => ({ name: CASE_CATEGORY_LABELS[c], type: 'bar', stack: 'total', barMaxWidth: 48, data: rows.map((r) => r.byCategory[c as Cat] ?? 0) })),
  });
  return <div ref={el} style={{ height: 340 }} data-testid="figures-volume-chart" />;
}

/** In-time and reopen rates (%) as bars, the average rating (1–5) as a line on its own axis. */
export function RatesChart({ rows }: { rows: FiguresRow[] }) {
  // no rate over nothing: a gap in the chart, not a 0
  const el = useChart({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 64, bottom: 60 },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 } },
    yAxis: [
      { type: 'value', name: '%', min: 0, max: 100 },
      { type: 'value', name: '评分', min: 0, max: 5, splitLine: { show: false } },
    ],
    series: [
      { name: '按时办结率', type: 'bar', barMaxWidth: 32, data: rows.map((r) => (r.resolved ? r.inTimePermille / 10 : null)), itemStyle: { color: '#12b76a' } },
      { name: '重开率', type: 'bar', barMaxWidth: 32, data: rows.map((r) => (r.total ? r.reopenPermille / 10 : null)), itemStyle: { color: '#f79009' } },
      { name: '平均评分', type: 'line', yAxisIndex: 1, data: rows.map((r) => (r.rated ? r.avgRatingCenti / 100 : null)), itemStyle: { color: '#1f6feb' } },
    ],
  });
  return <div ref={el} style={{ height: 300 }} data-testid="figures-rates-chart" />;
}
