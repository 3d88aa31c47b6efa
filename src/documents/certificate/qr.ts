import QRCode from 'qrcode';

/**
 * A QR code as one SVG path of squares, `size` points wide with its top left at (x, y), no quiet zone (the layout
 * keeps the space around it free). The PDF draws the same path as vectors, the PNG through resvg.
 */
export function qrPath(text: string, x: number, y: number, size: number): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const m = size / modules.size;
  const n = (v: number) => Math.round(v * 1000) / 1000;
  let d = '';
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      const w = n((col - start) * m);
      d += `M${n(x + start * m)} ${n(y + row * m)}h${w}v${n(m)}h${-w}z`;
    }
  }
  return d;
}
