// pdfkit 0.20 API that @types/pdfkit does not describe yet.
declare namespace PDFKit {
  interface PDFImage {
    width: number;
    height: number;
  }
  interface LinkOptions {
    structParent?: PDFStructureElement;
    // biome-ignore lint/complexity/noBannedTypes: pdfkit writes a String object as a PDF text string, a string as a name.
    Contents?: String;
  }
  interface PDFOutline {
    /** The bookmark's dictionary, written when the document ends. */
    outlineData: { Dest?: unknown[]; Count?: number };
  }
  interface PDFDocument {
    /** Open an image once, to draw it many times without storing it again. */
    appendXML(xml: string, newline?: boolean): void;
    openImage(src: Buffer | Uint8Array | ArrayBuffer | string): PDFImage;
    image(src: PDFImage, x?: number, y?: number, options?: Mixins.ImageOption): this;
    /** A link annotation that joins a Link structure element and describes itself (PDF/UA). */
    link(x: number, y: number, w: number, h: number, url: string, options: LinkOptions): this;
  }
}

declare namespace PDFKit.Mixins {
  interface StructureElementOptions {
    /** Whom a table header cell heads (pdfkit writes /A << /O /Table /Scope ... >>). */
    scope?: 'Row' | 'Column' | 'Both';
  }
}
