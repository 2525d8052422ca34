// Exports of a run (CSV, JSON) and of a chart (SVG, PNG). The text builders
// are pure; the download and image helpers need a browser.

/** Tabular data: the run export, the "show as table" view and CSV share it. */
export interface DataTable {
  caption: string;
  columns: readonly { key: string; label: string; unit?: string }[];
  rows: readonly Readonly<Record<string, string | number>>[];
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header of column keys (units are in the keys). */
export function toCsv(table: DataTable): string {
  const lines = [table.columns.map((c) => csvCell(c.key)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c.key] ?? '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The run as JSON: widget, link, parameters and the result rows. */
export function toJson(
  widget: string,
  url: string,
  params: Readonly<Record<string, number>>,
  table: DataTable,
): string {
  return `${JSON.stringify({ widget, url, params, caption: table.caption, rows: table.rows }, null, 2)}\n`;
}

/** Offers `data` as a file download (an anchor with a blob URL). */
export function download(filename: string, type: string, data: Blob | string): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: the download starts asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const PAINT = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
] as const;

/**
 * A standalone copy of an on-page SVG: computed paints inlined (the page's
 * theme variables do not exist outside it) and a pixel size set.
 */
export function svgMarkup(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  src.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const style = PAINT.map((k) => `${k}:${cs.getPropertyValue(k)}`).join(';');
    // Through the CSSOM, not setAttribute: a strict content security policy
    // blocks style attributes set from script, but not style properties.
    (dst[i] as SVGElement).style.cssText = style;
    (dst[i] as SVGElement).removeAttribute('class');
  });
  const box = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.round(box.width)));
  clone.setAttribute('height', String(Math.round(box.height)));
  // A background, so the file reads on any viewer in either theme.
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.style.cssText = `fill:${getComputedStyle(svg.closest('.vl-widget') ?? document.body).backgroundColor}`;
  clone.insertBefore(bg, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

/** The SVG rendered to a PNG at `scale` × its on-page size. */
export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const markup = svgMarkup(svg);
  const box = svg.getBoundingClientRect();
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(box.width * scale));
    canvas.height = Math.max(1, Math.round(box.height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
