/** The PDF renderer lives in ./pdf/ (one module per section, one registry); this is its entry. */
export { renderPdf } from "./pdf/render.js";
