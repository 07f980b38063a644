import { defineCheck } from "../define.js";
import { referencedSecurityGroups } from "../references.js";
import { fail, pass } from "../verdict.js";

interface IpPermission {
  ipProtocol?: string;
  fromPort?: number;
  toPort?: number;
  ipv4Ranges?: { cidrIp?: string }[];
  ipv6Ranges?: { cidrIpv6?: string }[];
  /** Older configuration items list IPv4 ranges as plain strings. */
  ipRanges?: string[];
}

/** The parts of an `AWS::EC2::SecurityGroup` configuration item this check reads. */
export interface SecurityGroupItem {
  groupId?: string;
  groupName?: string;
  ipPermissions?: IpPermission[];
}

const OPEN = new Set(["0.0.0.0/0", "::/0"]);

function ports(p: IpPermission): string {
  if (p.ipProtocol === "-1" || p.ipProtocol === undefined) return "all traffic";
  if (p.fromPort === undefined || p.fromPort === -1) return p.ipProtocol;
  return `${p.ipProtocol} ${p.fromPort === p.toPort ? String(p.fromPort) : `${p.fromPort}-${p.toPort ?? p.fromPort}`}`;
}

/**
 * Compliant when a security group of a SageMaker resource admits no inbound traffic from the whole
 * internet: no ingress permission (IpPermissions; ipProtocol -1 means every protocol and port) with an
 * IPv4 range 0.0.0.0/0 or an IPv6 range ::/0. Ranges from other security groups and prefix lists are
 * not "anyone". https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
 */
export const ec2SageMakerSecurityGroupNoOpenIngress = defineCheck<SecurityGroupItem>({
  id: "ec2.sagemaker-security-group.no-open-ingress",
  title: "Security groups of SageMaker resources allow no ingress from the internet",
  resourceType: "AWS::EC2::SecurityGroup",
  severity: "high",
  rationale: "Notebooks, training containers and endpoints in a VPC are reachable through their security groups; a rule open to 0.0.0.0/0 or ::/0 exposes them to anyone who can route to the subnet.",
  remediation: "Remove the inbound rules whose source is 0.0.0.0/0 or ::/0 (aws ec2 revoke-security-group-ingress) and allow only the security groups or prefix lists that need access.",
  peers: { securityHub: ["EC2.18"], prowler: ["ec2_securitygroup_allow_ingress_from_internet_to_all_ports"] },
  evidence: ["config:SelectResourceConfig", "config:BatchGetResourceConfig", "config:SelectAggregateResourceConfig", "ec2:DescribeSecurityGroups"],
  targets: referencedSecurityGroups,
  evaluate: (sg) => {
    const open = (sg.ipPermissions ?? []).flatMap((p) => {
      const sources = [...(p.ipv4Ranges ?? []).map((r) => r.cidrIp), ...(p.ipv6Ranges ?? []).map((r) => r.cidrIpv6), ...(p.ipRanges ?? [])];
      return [...new Set(sources.filter((s): s is string => s !== undefined && OPEN.has(s)))].map((s) => `${ports(p)} from ${s}`);
    });
    return open.length > 0 ? fail(`inbound rule${open.length === 1 ? "" : "s"} open to the internet: ${open.join(", ")}`) : pass(`${(sg.ipPermissions ?? []).length} inbound rule(s), none from 0.0.0.0/0 or ::/0`);
  },
});
