// A small React wrapper over ECharts (core build with only the charts the dashboard draws). Only the dashboard
// imports it, so ECharts stays in its own chunk, loaded with that page.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption, ECElementEvent } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, DatasetComponent, CanvasRenderer]);

export type ChartOption = EChartsCoreOption;
export type ChartClick = ECElementEvent;

/** One chart: the option is applied as given (notMerge), the chart follows its box's size, clicks go to onClick. */
export function EChart({ option, height = 300, onClick, style, testId, ariaLabel }: { option: ChartOption; height?: number; onClick?(e: ChartClick): void; style?: CSSProperties; testId?: string; ariaLabel?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (e) => click.current?.(e as ChartClick));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined, ...style }} />;
}
