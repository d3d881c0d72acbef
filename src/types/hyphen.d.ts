// The part of the hyphen package (TeX patterns) that handout uses. The modules are CommonJS: one default export.
declare module 'hyphen/da/index.js' {
  const patterns: { hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string };
  export default patterns;
}
declare module 'hyphen/en-gb/index.js' {
  const patterns: { hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string };
  export default patterns;
}
