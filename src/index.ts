/** The library API: the same pipeline the command line uses. */

export { parseJson } from './content/json.js';
export type {
  Brand,
  Dose,
  Exercise,
  Handout,
  HandoutContent,
  Programme,
  ProgrammeContent,
} from './content/schema.js';
export type { DiagnosticInit, Position } from './diagnostics.js';
export { formatDiagnostic, HandoutError } from './diagnostics.js';
export type { Page, PlacedItem } from './layout/types.js';
export type { Alternative, Project, RenderRequest, RenderResult } from './pipeline.js';
export { openProject, render, renderCatalog, renderHandout, renderJson } from './pipeline.js';
