import type { Command } from "commander";
import { CATALOGUE, CHECK_IDS } from "../checks/catalogue.js";
import { peersCompact } from "../checks/peers.js";
import { formatIssue } from "../config/yaml-source.js";
import type { SourceIssue } from "../config/yaml-source.js";
import { UsageError } from "../errors.js";
import { LIMITS, readBoundedFile } from "../input/limits.js";
import { discoverMappings, loadFramework, loadMappingFile, parseMapping } from "../frameworks/load.js";
import { loadConfig } from "../config/load.js";
import { writeErr, writeOut } from "./terminal.js";

/** The primary resource type, and how many more a multi-type check judges (`AWS::SageMaker::MonitoringSchedule +4`). */
const resourceTypeCell = (c: { resourceType: string; resourceTypes?: readonly string[] }): string =>
  c.resourceTypes && c.resourceTypes.length > 1 ? `${c.resourceType} +${c.resourceTypes.length - 1}` : c.resourceType;

const out = (text: string): void => writeOut(text.endsWith("\n") ? text : `${text}\n`);

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ")).join("\n");
}

export function registerCatalogue(program: Command): void {
  const checks = program.command("checks").description("the check catalogue");
  checks
    .command("list")
    .description("list every check with its resource type, severity, AWS Config rule and peer controls")
    .option("--json", "print JSON")
    .action((flags: { json?: boolean }) => {
      const rows = CATALOGUE.map(({ evaluate: _evaluate, targets: _targets, ...meta }) => meta);
      if (flags.json) out(JSON.stringify(rows, null, 2));
      else out(table([["ID", "SEVERITY", "RESOURCE TYPE", "AWS CONFIG RULE", "PEERS", "TITLE"], ...rows.map((c) => [c.id, c.severity, resourceTypeCell(c), c.awsConfigRule ?? "-", peersCompact(c.peers), c.title])]));
    });

  const frameworks = program.command("frameworks").description("the framework mappings");
  frameworks
    .command("list")
    .description("list the frameworks (bundled and from --mappings)")
    .option("--mappings <dir>", "extra directory of framework mapping files")
    .option("--config <file>", "config file")
    .option("--json", "print JSON")
    .action((flags: { mappings?: string; config?: string; json?: boolean }) => {
      const dir = flags.mappings ?? loadConfig(flags.config).config.mappings;
      const list = [...discoverMappings(dir).values()].map((file) => {
        const m = loadMappingFile(file, CHECK_IDS);
        return { id: m.framework, title: m.title, version: m.version, controls: m.controls.length, file, sha256: m.sha256 };
      });
      if (flags.json) out(JSON.stringify(list, null, 2));
      else out(table([["ID", "CONTROLS", "TITLE", "VERSION"], ...list.map((f) => [f.id, String(f.controls), f.title, f.version])]));
    });
  frameworks
    .command("show <id>")
    .description("print a framework's controls and the checks mapped to each")
    .option("--mappings <dir>", "extra directory of framework mapping files")
    .option("--config <file>", "config file")
    .option("--json", "print JSON")
    .action((id: string, flags: { mappings?: string; config?: string; json?: boolean }) => {
      const m = loadFramework(id, CHECK_IDS, flags.mappings ?? loadConfig(flags.config).config.mappings);
      if (flags.json) {
        const { source: _source, ...rest } = m;
        out(JSON.stringify(rest, null, 2));
        return;
      }
      out(`${m.title} — ${m.version}\n`);
      const rows = [["CONTROL", "REQ", "TITLE", "CHECKS"]];
      for (const c of m.controls) {
        const req = c.requirement === "Addressable" ? "A" : c.requirement === "Required" ? "R" : "";
        // One check per line keeps the table readable when a control maps a dozen checks.
        const [first = "(manual: needs an attestation)", ...rest] = c.manual ? [] : c.checks;
        rows.push([c.id, req, c.title, first], ...rest.map((check) => ["", "", "", check]));
      }
      out(table(rows));
    });

  program
    .command("mappings")
    .description("framework mapping files")
    .command("validate <files...>")
    .description("validate mapping files; print every problem as file:line:col: message")
    .action((files: string[]) => {
      const issues: SourceIssue[] = [];
      for (const file of files) {
        let text: string;
        try {
          text = readBoundedFile(file, { kind: "mapping file", maxBytes: LIMITS.yamlBytes });
        } catch (error) {
          issues.push({ file, line: 1, col: 1, message: (error as Error).message });
          continue;
        }
        try {
          issues.push(...parseMapping(file, text, CHECK_IDS).issues);
        } catch (error) {
          if (!(error instanceof UsageError)) throw error;
          issues.push({ file, line: 1, col: 1, message: error.message });
        }
      }
      if (issues.length > 0) {
        writeErr(`${issues.map(formatIssue).join("\n")}\n`);
        throw new UsageError(`${issues.length} problem${issues.length === 1 ? "" : "s"} in ${files.length} file${files.length === 1 ? "" : "s"}`);
      }
      out(`${files.length} mapping file${files.length === 1 ? "" : "s"} valid`);
    });
}
