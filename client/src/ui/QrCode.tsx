import { create } from 'qrcode';
import { useMemo } from 'react';

/**
 * A QR code drawn here as SVG from the text it holds: nothing leaves the browser (an
 * `otpauth://` URI carries a secret). `qrcode` (soldair/node-qrcode, MIT, the most used QR
 * encoder on npm) only encodes; the modules are drawn as one path with a quiet zone of 4.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
      }
    }
    return { size: modules.size + 8, path: d };
  }, [text]);
  return (
    <svg className="qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges" data-testid="qr-code">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
