import type { EvidenceRecord, EvidenceSource } from "./types.js";

const NONE: readonly EvidenceRecord[] = [];
const byId = (a: EvidenceRecord, b: EvidenceRecord): number => a.id.localeCompare(b.id);

/**
 * Evidence records by source, then operation, each list in the order the records were added (the
 * inventory adds them in id order). Built in one pass, so that each inventory builder reads its own
 * slice instead of rescanning every record: with ~30 SageMaker types the rescans were most of the
 * inventory's time.
 */
export class RecordIndex {
  private readonly bySource = new Map<EvidenceSource, Map<string, EvidenceRecord[]>>();

  add(record: EvidenceRecord): void {
    let operations = this.bySource.get(record.source);
    if (!operations) {
      operations = new Map();
      this.bySource.set(record.source, operations);
    }
    const list = operations.get(record.operation);
    if (list) list.push(record);
    else operations.set(record.operation, [record]);
  }

  /** The records of one call. */
  of(source: EvidenceSource, operation: string): readonly EvidenceRecord[] {
    return this.bySource.get(source)?.get(operation) ?? NONE;
  }

  /**
   * The records of several calls of one source, merged back into id order: builders that fold the
   * calls about one resource together (the last answer wins, gaps in order) must see them in the
   * order a full scan would.
   */
  ofAny(source: EvidenceSource, operations: readonly string[]): readonly EvidenceRecord[] {
    const lists = operations.map((op) => this.of(source, op)).filter((l) => l.length > 0);
    if (lists.length <= 1) return lists[0] ?? NONE;
    return lists.flat().sort(byId);
  }
}
