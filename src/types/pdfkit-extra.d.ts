// pdfkit 0.20 API that @types/pdfkit does not describe yet.
declare namespace PDFKit {
  interface PDFImage {
    width: number;
    height: number;
  }
  interface PDFDocument {
    /** Open an image once, to draw it many times without storing it again. */
    openImage(src: Buffer | Uint8Array | ArrayBuffer | string): PDFImage;
    image(src: PDFImage, x?: number, y?: number, options?: Mixins.ImageOption): this;
  }
}
