// Synthetic estate for the benchmark: realistic shapes, deterministic content (the same sizes give
// the same records). Sized either by `scale` (scale 1 = 2,000 notebooks, 5,000 models, 10,000
// training jobs, 20,000 CloudTrail events; `events` overrides the event count) or by
// `{ resources, events, jobs }`: `jobs` training jobs (default 10/17 of the resources), the rest
// notebooks and models 2:5; events are the CloudTrail total over both regions.
import { sealEvidence } from "../dist/evidence/record.js";
import { redact } from "../dist/evidence/redact.js";
import { sageMakerResourceType } from "../dist/evidence/sagemaker-registry.js";

// Operation names, list keys and name/ARN fields come from the project's resource registry, as the
// collector's do; the bench only decides what the resources hold.
const NOTEBOOK = sageMakerResourceType("AWS::SageMaker::NotebookInstance");
const MODEL = sageMakerResourceType("AWS::SageMaker::Model");
const TRAINING_JOB = sageMakerResourceType("AWS::SageMaker::TrainingJob");

const ACCOUNT = "210987654321";
const REGIONS = ["us-east-1", "eu-west-1"];
const AT = "2026-11-27T09:00:00.000Z";

function rec(operation, region, params, response, source = "sagemaker") {
  const { value, redactions } = redact(response);
  return sealEvidence({ source, operation, account: ACCOUNT, region, params, collectedAt: AT, response: value, redactions });
}

/** The describe record of one resource of registry type `spec`, named and identified as the API does. */
function described(spec, region, name, arn, fields) {
  return rec(spec.describeOperation, region, { [spec.idParam]: name }, { [spec.idParam]: name, [spec.arnField]: arn, ...fields });
}

function pages(items, size, make) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(make(items.slice(i, i + size), i / size));
  return out;
}

/** The resource counts of an estate; see the header. */
export function estateSize(size, events) {
  if (typeof size === "number") return { notebooks: 2000 * size, models: 5000 * size, jobs: 10000 * size, events: events ?? 20000 * size };
  const resources = size.resources ?? 17000;
  const jobs = Math.min(size.jobs ?? Math.round((resources * 10) / 17), resources);
  const notebooks = Math.round(((resources - jobs) * 2) / 7);
  return { notebooks, models: resources - jobs - notebooks, jobs, events: size.events ?? Math.round((resources * 20) / 17) };
}

export function generateEstate(size, eventCount) {
  const counts = estateSize(size, eventCount);
  const events = counts.events;
  const records = [];
  for (const region of REGIONS) {
    const n = (kind) => Math.round(counts[kind] / REGIONS.length);
    const arn = (kind, name) => `arn:aws:sagemaker:${region}:${ACCOUNT}:${kind}/${name}`;
    const notebooks = Array.from({ length: n("notebooks") }, (_, i) => `nb-${region}-${i}`);
    records.push(...pages(notebooks, 100, (page, p) => rec(NOTEBOOK.listOperation, region, { MaxResults: 100, page: p }, { [NOTEBOOK.listKey]: page.map((name) => ({ [NOTEBOOK.listIdField]: name, [NOTEBOOK.listArnField]: arn("notebook-instance", name) })) })));
    notebooks.forEach((name, i) =>
      records.push(described(NOTEBOOK, region, name, arn("notebook-instance", name), {
        NotebookInstanceStatus: "InService",
        InstanceType: "ml.t3.medium", RoleArn: `arn:aws:iam::${ACCOUNT}:role/nb-role-${i % 20}`,
        DirectInternetAccess: i % 3 === 0 ? "Enabled" : "Disabled", RootAccess: i % 4 === 0 ? "Enabled" : "Disabled",
        ...(i % 5 === 0 ? {} : { SubnetId: `subnet-${i % 7}`, SecurityGroups: [`sg-0${String(i % 9).padStart(16, "0")}`] }),
        ...(i % 6 === 0 ? {} : { KmsKeyId: `arn:aws:kms:${region}:${ACCOUNT}:key/k-${i % 11}` }),
        CreationTime: AT, LastModifiedTime: AT,
      })),
    );
    const models = Array.from({ length: n("models") }, (_, i) => `model-${region}-${i}`);
    models.forEach((name, i) =>
      records.push(described(MODEL, region, name, arn("model", name), {
        ExecutionRoleArn: `arn:aws:iam::${ACCOUNT}:role/model-role-${i % 20}`,
        PrimaryContainer: { Image: "123.dkr.ecr.us-east-1.amazonaws.com/x:1", ModelDataUrl: `s3://models-${i % 5}/m${i}.tar.gz`, Environment: { SAGEMAKER_PROGRAM: "serve.py", DB_PASSWORD: `secret-${i}` } },
        EnableNetworkIsolation: i % 2 === 0, CreationTime: AT,
      })),
    );
    const jobs = Array.from({ length: n("jobs") }, (_, i) => `train-${region}-${i}`);
    jobs.forEach((name, i) =>
      records.push(described(TRAINING_JOB, region, name, arn("training-job", name), {
        TrainingJobStatus: "Completed",
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/train-role-${i % 20}`, EnableInterContainerTrafficEncryption: i % 2 === 0,
        EnableNetworkIsolation: i % 3 !== 0, ResourceConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 2, VolumeSizeInGB: 50, ...(i % 4 ? { VolumeKmsKeyId: "k" } : {}) },
        OutputDataConfig: { S3OutputPath: `s3://train-out-${i % 5}/`, ...(i % 5 ? { KmsKeyId: "k" } : {}) },
        CreationTime: AT,
      })),
    );
    const eventsPerRegion = Math.round(events / REGIONS.length);
    const events_ = Array.from({ length: eventsPerRegion }, (_, i) => ({
      EventId: `${region}-evt-${i}`, EventName: i % 10 === 0 ? "UpdateNotebookInstance" : "DescribeNotebookInstance",
      EventTime: new Date(Date.parse(AT) - i * 1000).toISOString(), EventSource: "sagemaker.amazonaws.com", Username: "ml-engineer",
      Resources: [{ ResourceType: "AWS::SageMaker::NotebookInstance", ResourceName: notebooks[i % Math.max(notebooks.length, 1)] ?? `nb-${region}-0` }],
      CloudTrailEvent: JSON.stringify({ userIdentity: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ml/${i % 50}` }, sourceIPAddress: "10.0.0.1", awsRegion: region, recipientAccountId: ACCOUNT }),
    }));
    records.push(...pages(events_, 50, (page, p) => rec("LookupEvents", region, { MaxResults: 50, page: p }, { Events: page }, "cloudtrail")));
  }
  return records;
}
