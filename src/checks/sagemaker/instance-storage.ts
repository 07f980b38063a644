/**
 * SageMaker ML instance types whose storage is local NVMe instance store. On them SageMaker
 * provisions no EBS volume, encrypts the local volume with a hardware module, and rejects a volume
 * KMS key ("You can't request a VolumeKmsKeyId when using an instance type with local storage"):
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ResourceConfig.html (VolumeKmsKeyId,
 * VolumeSizeInGB), API_ProcessingClusterConfig.html, API_TransformResources.html,
 * API_CreateEndpointConfig.html (KmsKeyId), and the instance store list of
 * https://docs.aws.amazon.com/sagemaker/latest/dg/host-instance-storage.html.
 *
 * EC2 names an instance store with a `d` among the attributes after the generation (c5d, m5d, r6id,
 * g4dn, p4d, x2iedn); the GPU and Trainium families below carry NVMe instance store without it
 * (https://docs.aws.amazon.com/ec2/latest/instancetypes/ac.html, "Instance store specifications").
 */
const NVME_WITHOUT_D = new Set(["g5", "g6", "g6e", "gr6", "p5", "p5e", "p5en", "p6-b200", "trn1", "trn1n", "trn2"]);

/** `ml.<family>.<size>` → family, e.g. `ml.g4dn.xlarge` → `g4dn`; undefined when not an ML instance type. */
function family(instanceType: string): string | undefined {
  return /^ml\.([a-z0-9-]+)\.[a-z0-9-]+$/.exec(instanceType)?.[1];
}

export function hasLocalInstanceStorage(instanceType: string | undefined): boolean {
  const f = instanceType ? family(instanceType) : undefined;
  if (!f) return false;
  if (NVME_WITHOUT_D.has(f)) return true;
  // family letters, generation digits, then attribute letters (a, d, e, g, i, n, …)
  const attributes = /^[a-z]+\d+([a-z]*)/.exec(f)?.[1] ?? "";
  return attributes.includes("d");
}
