declare module 'svg-to-pdfkit' {
  interface Options {
    width?: number;
    height?: number;
    preserveAspectRatio?: string;
    assumePt?: boolean;
    warningCallback?: (message: string) => void;
    /** Called with svg-to-pdfkit's own reading of a colour ([[r, g, b], alpha] or undefined) and the text. */
    colorCallback?: (parsed: [number[], number] | undefined, raw: string | undefined) => [number[], number] | undefined;
    fontCallback?: (family: string, bold: boolean, italic: boolean) => string;
  }
  export default function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: Options): void;
}
