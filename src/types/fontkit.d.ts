// fontkit ships no types: the one function handout calls, its font as src/brand/fonts.ts describes it.
declare module 'fontkit' {
  export function create(buffer: Buffer): import('../brand/fonts.js').Font;
}
