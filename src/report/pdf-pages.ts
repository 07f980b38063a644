/**
 * Keeps a buffered PDF small in memory.
 *
 * The report buffers every page (`bufferPages`), since the contents and the "Page i of n" footers
 * are drawn once the last page is known. pdfkit stores a page's content stream as one small byte
 * array per drawing operator until the document ends, millions of them for an estate-sized report:
 * most of the heap and of the garbage collector's time. When a page is left for a new one, its
 * chunks are joined into a single array, which is exactly what pdfkit does with them when it
 * writes the page (it concatenates, then compresses), so the output is the same byte for byte.
 * Content added later to a finished page (header, footer) is appended after the joined chunk.
 */
export function compactFinishedPages(doc: PDFKit.PDFDocument): void {
  let previous: unknown = null;
  doc.on("pageAdded", () => {
    if (previous !== null) compact(previous);
    previous = doc.page;
  });
}

/** Joins the pending content chunks of a page (pdfkit `PDFReference.buffer`), when they have the expected shape. */
function compact(page: unknown): void {
  const content = (page as { content?: { buffer?: unknown } }).content;
  const chunks = content?.buffer;
  if (!content || !Array.isArray(chunks) || chunks.length < 2 || !chunks.every((c) => c instanceof Uint8Array)) return;
  content.buffer = [Buffer.concat(chunks)];
}
