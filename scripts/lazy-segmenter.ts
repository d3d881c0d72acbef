/**
 * Intl.Segmenter as the startup snapshot's bundle sees it (scripts/bundle.ts): made
 * when first used, not when made. string-width (yargs' help layout) makes one when it
 * is loaded, and a snapshot cannot hold ICU's objects.
 */
export class LazySegmenter {
  private segmenter: Intl.Segmenter | undefined;
  private readonly args: ConstructorParameters<typeof Intl.Segmenter>;
  constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
    this.args = args;
  }
  segment(input: string): Intl.Segments {
    // globalThis: the bundle's `Intl.Segmenter` is this class.
    this.segmenter ??= new globalThis.Intl.Segmenter(...this.args);
    return this.segmenter.segment(input);
  }
}
