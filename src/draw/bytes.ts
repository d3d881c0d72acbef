/**
 * Where pdfkit's bytes are made. pdfkit turns every operator and every line of
 * the file into a byte array of its own as it is written (and pushes the file's
 * through a stream): the same text is kept as strings here and made into bytes
 * once, giving the same file.
 */

/** The part of pdfkit's page that its operators are written through. */
export interface PageContent {
  write(chunk: string | Uint8Array): void;
  end(): void;
}

/**
 * pdfkit makes a byte array of every operator as it is written, and joins them
 * when the page ends: keep a page's operators as text and write them as one,
 * the same bytes (pdfkit ends each operator with a newline, and keeps the low
 * byte of each character).
 */
export function writeAtOnce(page: PageContent): void {
  const lines: string[] = [];
  const write = page.write.bind(page);
  const flush = () => {
    if (lines.length === 0) return;
    // A last empty line gives the newline after the last operator, in one flat string.
    lines.push('');
    const text = lines.join('\n');
    lines.length = 0;
    write(binary(text));
  };
  page.write = (chunk) => {
    if (typeof chunk === 'string') lines.push(chunk);
    else {
      flush();
      write(chunk);
    }
  };
  const end = page.end.bind(page);
  page.end = () => {
    flush();
    end();
  };
}

/** The bytes of `text`, one per character: its low byte, as pdfkit writes a string. */
function binary(text: string): Uint8Array {
  // latin1 keeps the low byte too; a wider character goes the slow way, to be sure.
  if (!/[\u0100-\uffff]/.test(text)) return Buffer.from(text, 'latin1');
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/**
 * pdfkit pushes every line of the file through a stream as a byte array of its
 * own: keep the lines as they come and make the file's bytes once, at the end.
 * The offsets pdfkit counts for the cross-reference table stay what they were.
 */
export function collectOutput(doc: PDFKit.PDFDocument): { early: Uint8Array[]; (): Uint8Array } {
  const early: Uint8Array[] = [];
  const parts: (string | Uint8Array)[] = [];
  const internal = doc as unknown as { _write(data: string | Uint8Array): void; _offset: number };
  internal._write = (data) => {
    const part = data instanceof Uint8Array ? data : `${data}\n`;
    parts.push(part);
    internal._offset += part.length;
  };
  const output = () => {
    const chunks: Uint8Array[] = [...early];
    let text: string[] = [];
    for (const part of parts) {
      if (typeof part === 'string') text.push(part);
      else {
        if (text.length > 0) chunks.push(binary(text.join('')));
        text = [];
        chunks.push(part);
      }
    }
    if (text.length > 0) chunks.push(binary(text.join('')));
    return new Uint8Array(Buffer.concat(chunks));
  };
  return Object.assign(output, { early });
}
