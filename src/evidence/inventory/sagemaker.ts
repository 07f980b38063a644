/**
 * SageMaker resources: the List* answers (for the ARN of a resource whose describe failed) and the
 * Describe* answers of every type in ../sagemaker-registry.ts.
 */
import type { RecordIndex } from "../record-index.js";
import { SAGEMAKER_RESOURCE_TYPES } from "../sagemaker-registry.js";
import { arr, obj, str } from "./builder.js";
import type { InventoryBuilder } from "./builder.js";

export function collectDescribed(index: RecordIndex, b: InventoryBuilder): void {
  for (const spec of SAGEMAKER_RESOURCE_TYPES) {
    // ARNs known from list calls, so a resource whose describe failed still has its real ARN.
    const listedArn = new Map<string, string>();
    for (const r of index.of("sagemaker", spec.listOperation)) {
      if (!spec.listArnField || !r.response) continue;
      for (const item of arr(r.response[spec.listKey])) {
        const id = str(obj(item)[spec.listIdField]);
        const arn = str(obj(item)[spec.listArnField]);
        if (id && arn) listedArn.set(`${r.account}|${r.region}|${id}`, arn);
      }
    }
    for (const r of index.of("sagemaker", spec.describeOperation)) {
      const id = str(r.params[spec.idParam]) ?? "";
      if (r.error) {
        const arn = listedArn.get(`${r.account}|${r.region}|${id}`) ?? `arn:aws:sagemaker:${r.region}:${r.account}:unknown/${id}`;
        const resource = b.upsert(spec.type, arn, { account: r.account, region: r.region, name: id });
        resource.evidenceIds.push(r.id);
        resource.gaps.push({ operation: r.operation, error: `${r.error.code}: ${r.error.message}`, evidenceId: r.id });
        continue;
      }
      const response = r.response ?? {};
      const arn = str(response[spec.arnField]) ?? listedArn.get(`${r.account}|${r.region}|${id}`);
      if (!arn) continue;
      const resource = b.upsert(spec.type, arn, {
        account: r.account,
        region: r.region,
        name: str(response[spec.nameField]) ?? id,
      });
      resource.config = response;
      resource.evidenceIds.push(r.id);
    }
  }
}
