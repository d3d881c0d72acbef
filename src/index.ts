/** The library API: the same pipeline the command line uses. */
export { formatDiagnostic, HandoutError } from './diagnostics.js';
export type { DiagnosticInit, Position } from './diagnostics.js';
export type { Brand, Dose, Exercise, Handout } from './content/schema.js';
export type { Page, PlacedItem } from './layout/types.js';
export { openProject, render, renderHandout } from './pipeline.js';
export type { Project, RenderRequest, RenderResult } from './pipeline.js';
