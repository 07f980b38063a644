import { DescribeSecurityGroupsCommand } from "@aws-sdk/client-ec2";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { CallScope } from "./call.js";

/** Group ids per DescribeSecurityGroups request. */
const BATCH = 100;

/**
 * The security groups SageMaker resources attach, in one account and region, in batches of
 * GroupIds (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html;
 * MaxResults cannot be combined with GroupIds, so a batch is one request). One id that no longer
 * exists fails its whole batch with InvalidGroup.NotFound
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html): that batch is
 * then asked group by group, so a deleted group does not hide the others.
 */
export async function collectSecurityGroups(scope: CallScope, client: EC2Client, groupIds: readonly string[]): Promise<void> {
  const ids = [...new Set(groupIds)].sort();
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += BATCH) batches.push(ids.slice(i, i + BATCH));
  await Promise.all(
    batches.map(async (GroupIds) => {
      const out = await scope.call("DescribeSecurityGroups", { GroupIds }, () => client.send(new DescribeSecurityGroupsCommand({ GroupIds })));
      if (out || GroupIds.length === 1) return;
      const failed = scope.lastError("DescribeSecurityGroups", { GroupIds });
      if (failed?.code !== "InvalidGroup.NotFound") return;
      await Promise.all(GroupIds.map((id) => scope.call("DescribeSecurityGroups", { GroupIds: [id] }, () => client.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] })))));
    }),
  );
  scope.progress(ids.length);
}
