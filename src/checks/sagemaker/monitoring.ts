import type { DescribeMonitoringScheduleResponse, MonitoringNetworkConfig, NetworkConfig } from "@aws-sdk/client-sagemaker";
import { defineCheck } from "../define.js";
import { fail, gap, notApplicable, pass } from "../verdict.js";
import { described } from "./shared.js";

const KINDS = ["DataQuality", "ModelQuality", "ModelBias", "ModelExplainability"] as const;

/**
 * Compliant when the job a monitoring schedule runs encrypts traffic between its instances. The
 * schedule is the subject: an unscheduled job definition runs nothing. The job is either inline
 * (MonitoringJobDefinition) or a named definition of the schedule's MonitoringType. A job on one
 * instance (MonitoringResources/JobResources ClusterConfig.InstanceCount 1) has no inter-container
 * traffic: NOT_APPLICABLE. https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_MonitoringClusterConfig.html,
 * API_MonitoringNetworkConfig.html (EnableInterContainerTrafficEncryption, default false)
 */
export const monitoringJobInterContainerEncryption = defineCheck<DescribeMonitoringScheduleResponse>({
  id: "sagemaker.monitoring-job.inter-container-encryption",
  title: "Model Monitor jobs encrypt inter-container traffic",
  resourceType: "AWS::SageMaker::MonitoringSchedule",
  severity: "medium",
  rationale: "Monitoring jobs read captured inference data and baselines; when they run on several instances that data crosses the network between them.",
  remediation:
    "Recreate the job definition with NetworkConfig.EnableInterContainerTrafficEncryption=true (aws sagemaker create-data-quality-job-definition … --network-config EnableInterContainerTrafficEncryption=true; SageMaker Python SDK: network_config=NetworkConfig(encrypt_inter_container_traffic=True)) and point the schedule at it.",
  evidence: [
    ...described("MonitoringSchedule"),
    ...KINDS.flatMap((k) => described(`${k}JobDefinition`)),
  ],
  evaluate: (s, { resource, inventory }) => {
    const config = s.MonitoringScheduleConfig;
    const inline = config?.MonitoringJobDefinition;
    let network: NetworkConfig | MonitoringNetworkConfig | undefined;
    let instances: number | undefined;
    let subject: string;
    let read: string[] = [];
    if (inline) {
      network = inline.NetworkConfig;
      instances = inline.MonitoringResources?.ClusterConfig?.InstanceCount;
      subject = "inline MonitoringJobDefinition";
    } else if (config?.MonitoringJobDefinitionName) {
      const name = config.MonitoringJobDefinitionName;
      const types = config.MonitoringType ? [`AWS::SageMaker::${config.MonitoringType}JobDefinition`] : KINDS.map((k) => `AWS::SageMaker::${k}JobDefinition`);
      const definition = inventory.resources.find(
        (r) => types.includes(r.type) && r.name === name && r.account === resource.account && r.region === resource.region,
      );
      if (!definition?.config) {
        return gap(`evidence gap: job definition ${name} (${config.MonitoringType ?? "any type"}) was not described`, definition?.evidenceIds);
      }
      const named = definition.config as { NetworkConfig?: MonitoringNetworkConfig; JobResources?: { ClusterConfig?: { InstanceCount?: number } } };
      network = named.NetworkConfig;
      instances = named.JobResources?.ClusterConfig?.InstanceCount;
      subject = `job definition ${name}`;
      read = definition.evidenceIds;
    } else {
      return gap("MonitoringScheduleConfig names no job definition: nothing to judge");
    }
    if (instances === 1 && network?.EnableInterContainerTrafficEncryption !== true) {
      return notApplicable(`${subject} runs on one instance (ClusterConfig.InstanceCount 1): there is no inter-container traffic`);
    }
    return network?.EnableInterContainerTrafficEncryption === true
      ? pass(`${subject}: NetworkConfig.EnableInterContainerTrafficEncryption is true`, read)
      : fail(`${subject}: NetworkConfig.EnableInterContainerTrafficEncryption is ${network?.EnableInterContainerTrafficEncryption === false ? "false" : "not set (defaults to false)"}`, read);
  },
});
