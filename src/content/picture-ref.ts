/**
 * What a picture reference names. Content writes a pictogram id (content/pictures/<id>.json)
 * or a file under assets/; a QR code is named by the address it holds. Prepared pictures
 * are kept by the reference's text, so each stage parses it here instead of testing prefixes.
 */
export type PictureRef =
  | { kind: 'pictogram'; id: string }
  | { kind: 'asset'; path: string }
  | { kind: 'qr'; href: string };

const QR = 'qr:';
const ASSETS = 'assets/';

export function parsePictureRef(text: string): PictureRef {
  if (text.startsWith(QR)) return { kind: 'qr', href: text.slice(QR.length) };
  if (text.startsWith(ASSETS)) return { kind: 'asset', path: text };
  return { kind: 'pictogram', id: text };
}

/** The text a reference is kept by: what content wrote, or `qr:<address>`. */
export function pictureKey(ref: PictureRef): string {
  switch (ref.kind) {
    case 'qr':
      return `${QR}${ref.href}`;
    case 'asset':
      return ref.path;
    case 'pictogram':
      return ref.id;
  }
}

/** A pictogram id the content names, or undefined for a file or a QR code. */
export function pictogramId(text: string): string | undefined {
  const ref = parsePictureRef(text);
  return ref.kind === 'pictogram' ? ref.id : undefined;
}
