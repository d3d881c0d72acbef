import jsQRModule from 'jsqr';

// jsqr is CommonJS with an ES-style `default` in its types: under NodeNext the default
// import is the whole module.exports, which at runtime is also the function itself.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule.default }).default ??
  jsQRModule) as unknown as typeof jsQRModule.default;

/** The text of the QR code in an RGBA region, or undefined when none is found. */
export function readQr(region: { data: Uint8ClampedArray; width: number; height: number }): string | undefined {
  return jsQR(region.data, region.width, region.height)?.data;
}
