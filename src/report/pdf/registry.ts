import type { PdfSection } from "./section.js";
import { catalogueSection, evidenceIndexSection, methodologySection } from "./sections/appendix.js";
import { attestationsSection } from "./sections/attestations.js";
import { changesSection } from "./sections/changes.js";
import { controlsSection } from "./sections/controls.js";
import { gapsSection } from "./sections/gaps.js";
import { summarySection } from "./sections/summary.js";
import { waiversSection } from "./sections/waivers.js";

/**
 * The body of the PDF, in order. The renderer reserves the contents pages from these sections'
 * declared entries, draws them, and checks each drew what it declared: the one list both sizes
 * the contents and draws the body.
 */
export const PDF_SECTIONS: readonly PdfSection[] = [
  summarySection,
  controlsSection,
  changesSection,
  gapsSection,
  waiversSection,
  attestationsSection,
  methodologySection,
  catalogueSection,
  evidenceIndexSection,
];
