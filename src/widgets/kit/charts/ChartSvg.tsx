// The <svg> a chart or diagram draws in: one image named by its <title> and
// described by its <desc> (ids from `id`), so assistive technology announces
// every chart the same way. Size, font and other attributes pass through, in
// the caller's order.
import type { ComponentChildren, JSX, Ref } from 'preact';

export interface ChartSvgProps
  extends Omit<JSX.SVGAttributes<SVGSVGElement>, 'id' | 'title' | 'ref' | 'class' | 'role'> {
  /** Unique on the page; prefixes the title and description ids. */
  id: string;
  title: string;
  desc: string;
  /** The svg element, e.g. for a chart that measures itself. */
  svgRef?: Ref<SVGSVGElement>;
  children?: ComponentChildren;
}

export function ChartSvg({ id, title, desc, svgRef, children, ...attrs }: ChartSvgProps) {
  return (
    <svg
      ref={svgRef}
      class="vl-chart-svg"
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      {...attrs}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {children}
    </svg>
  );
}
