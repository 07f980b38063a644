import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
} from "@aws-sdk/client-iam";
import type { IAMClient, IAMPaginationConfiguration } from "@aws-sdk/client-iam";
import type { CallScope, Output } from "./call.js";

/** ListRolePolicies and ListAttachedRolePolicies accept at most 1000 items per page. */
const PAGE = 1000;

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const arr = (v: unknown): Output[] => (Array.isArray(v) ? (v as Output[]) : []);

const pager =
  <I>(client: IAMClient, paginate: (config: IAMPaginationConfiguration, input: I) => AsyncIterable<unknown>) =>
  (input: Output): AsyncIterable<unknown> =>
    paginate({ client, stopOnSameToken: true }, input as I);

async function drain(pages: AsyncIterable<Output>): Promise<Output[]> {
  const out: Output[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

/**
 * The execution roles SageMaker resources name, read from IAM itself (one account, IAM is global):
 * - GetRole: path, trust policy, permissions boundary
 *   (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html);
 * - ListRolePolicies + GetRolePolicy: every inline policy document
 *   (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRolePolicies.html,
 *   https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html);
 * - ListAttachedRolePolicies: the managed policies, AWS managed ones included
 *   (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAttachedRolePolicies.html);
 * - GetPolicy + GetPolicyVersion of each attached policy's and boundary's default version, so every
 *   policy is judged by its document (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicy.html,
 *   https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicyVersion.html).
 * Each role and each policy is read once per account however many resources use it. Policy
 * documents come back URL-encoded (RFC 3986); they are stored as AWS returned them.
 */
export async function collectIam(scope: CallScope, client: IAMClient, roleNames: readonly string[]): Promise<void> {
  const policies = new Set<string>();
  await Promise.all(
    [...new Set(roleNames)].sort().map(async (RoleName) => {
      const [role, attached] = await Promise.all([
        scope.call("GetRole", { RoleName }, () => client.send(new GetRoleCommand({ RoleName }))),
        drain(scope.pages("ListAttachedRolePolicies", { RoleName, MaxItems: PAGE }, pager(client, paginateListAttachedRolePolicies), { tokenKey: "Marker" })),
        inlinePolicies(scope, client, RoleName),
      ]);
      const boundary = ((role?.Role ?? {}) as Output).PermissionsBoundary as Output | undefined;
      const boundaryArn = str(boundary?.PermissionsBoundaryArn);
      if (boundaryArn) policies.add(boundaryArn);
      for (const page of attached) for (const p of arr(page.AttachedPolicies)) {
        const arn = str(p.PolicyArn);
        if (arn) policies.add(arn);
      }
    }),
  );
  scope.progress(roleNames.length);
  await Promise.all([...policies].sort().map((arn) => collectPolicy(scope, client, arn)));
}

async function inlinePolicies(scope: CallScope, client: IAMClient, RoleName: string): Promise<void> {
  const pages = await drain(scope.pages("ListRolePolicies", { RoleName, MaxItems: PAGE }, pager(client, paginateListRolePolicies), { tokenKey: "Marker" }));
  const names = pages.flatMap((p) => (Array.isArray(p.PolicyNames) ? (p.PolicyNames as unknown[]) : [])).filter((n): n is string => typeof n === "string");
  await Promise.all(
    [...new Set(names)].sort().map((PolicyName) =>
      scope.call("GetRolePolicy", { RoleName, PolicyName }, () => client.send(new GetRolePolicyCommand({ RoleName, PolicyName }))),
    ),
  );
}

async function collectPolicy(scope: CallScope, client: IAMClient, PolicyArn: string): Promise<void> {
  const out = await scope.call("GetPolicy", { PolicyArn }, () => client.send(new GetPolicyCommand({ PolicyArn })));
  const VersionId = str((out?.Policy as Output | undefined)?.DefaultVersionId);
  if (!VersionId) return;
  await scope.call("GetPolicyVersion", { PolicyArn, VersionId }, () => client.send(new GetPolicyVersionCommand({ PolicyArn, VersionId })));
}
