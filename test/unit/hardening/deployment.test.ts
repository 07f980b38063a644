import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";

const dockerfile = readFileSync("Dockerfile", "utf8");
const instructions = dockerfile
  .replace(/\\\n/g, " ")
  .split("\n")
  .filter((l) => /^[A-Z]+ /.test(l));

describe("container image", () => {
  it("is multi-stage on Node 22 slim, production dependencies only, non-root, with /data and the CLI as entrypoint", () => {
    expect(instructions.filter((l) => l.startsWith("FROM "))).toEqual(["FROM node:22-bookworm-slim AS build", "FROM node:22-bookworm-slim"]);
    expect(dockerfile).toContain("npm prune --omit=dev");
    expect(instructions).toContain("USER node");
    expect(instructions).toContain('VOLUME ["/data"]');
    expect(instructions).toContain('ENTRYPOINT ["sageaudit"]');
    expect(instructions).toContain('CMD ["daemon"]');
    expect(instructions.find((l) => l.startsWith("HEALTHCHECK"))).toMatch(/CMD \["node", "-e", ".*\/healthz/);
  });

  it("still accepts Node 20 in package.json (CI runs Node 20)", () => {
    const engines = (JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } }).engines.node;
    expect(engines).toBe(">=20.19");
  });
});

describe("Kubernetes daemon", () => {
  interface Container {
    args: string[];
    env: { name: string; value: string }[];
    readinessProbe: { httpGet: unknown };
    livenessProbe: { httpGet: unknown };
    resources: unknown;
    securityContext: unknown;
  }
  interface Deployment {
    kind: string;
    spec: { replicas: number; strategy: unknown; template: { spec: { terminationGracePeriodSeconds: number; containers: Container[] } } };
  }
  const docs = parseAllDocuments(readFileSync("examples/kubernetes/daemon.yaml", "utf8")).map((d) => d.toJS() as Deployment);
  const deployment = docs.find((d) => d.kind === "Deployment") as Deployment;
  const container = deployment.spec.template.spec.containers[0] as Container;

  it("is one replica, recreated, probed on /healthz, with resource requests and limits", () => {
    expect(deployment.spec).toMatchObject({ replicas: 1, strategy: { type: "Recreate" } });
    expect(container.readinessProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
    expect(container.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
    expect(container.resources).toMatchObject({ requests: { cpu: expect.any(String), memory: expect.any(String) }, limits: { cpu: expect.any(String), memory: expect.any(String) } });
    expect(container.args).toContain("--listen");
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
  });

  it("gives the daemon longer than its shutdown grace period", () => {
    const grace = Number(container.env.find((e) => e.name === "SAGEAUDIT_SHUTDOWN_GRACE_MS")?.value);
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(grace + 5000);
  });
});
