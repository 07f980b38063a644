import type { DescribeDomainResponse, DescribeSpaceResponse, DescribeUserProfileResponse } from "@aws-sdk/client-sagemaker";
import { resourcesOfType } from "../../evidence/inventory.js";
import { defineCheck } from "../define.js";
import { fail, gap, notApplicable, pass, shown } from "../verdict.js";
import { described } from "./shared.js";

const TYPE = "AWS::SageMaker::Space";
const EVIDENCE = described("Space");

/**
 * Compliant when the space cannot be reached from a local IDE over remote access: DescribeSpace
 * SpaceSettings.RemoteAccess is not ENABLED (values ENABLED | DISABLED; absent means the feature
 * was never turned on for the space).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_SpaceSettings.html (RemoteAccess),
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeSpace.html
 */
export const spaceRemoteAccessDisabled = defineCheck<DescribeSpaceResponse>({
  id: "sagemaker.space.remote-access-disabled",
  title: "Studio spaces have remote access disabled",
  resourceType: TYPE,
  severity: "medium",
  rationale: "Remote access connects a laptop's IDE straight into the space, so data in the space can reach an unmanaged endpoint outside the Studio session controls.",
  remediation: "Update the space with SpaceSettings.RemoteAccess=DISABLED (aws sagemaker update-space --space-settings RemoteAccess=DISABLED).",
  evidence: EVIDENCE,
  evaluate: (s) => {
    const value = s.SpaceSettings?.RemoteAccess;
    return value === "ENABLED" ? fail("SpaceSettings.RemoteAccess is ENABLED") : pass(`SpaceSettings.RemoteAccess is ${shown(value ?? "not set (remote access off)")}`);
  },
});

type AppKey = "JupyterLabAppSettings" | "CodeEditorAppSettings";
const APP_SETTINGS: Readonly<Record<string, AppKey>> = { JupyterLab: "JupyterLabAppSettings", CodeEditor: "CodeEditorAppSettings" };

interface LifecycleSource {
  [key: string]: { AppLifecycleManagement?: { IdleSettings?: { LifecycleManagement?: string; IdleTimeoutInMinutes?: number } } } | undefined;
}

const lifecycleOf = (settings: unknown, key: AppKey): string | undefined =>
  (settings as LifecycleSource | undefined)?.[key]?.AppLifecycleManagement?.IdleSettings?.LifecycleManagement;

/**
 * Compliant when idle JupyterLab or Code Editor apps in the space are shut down. A space only
 * carries IdleSettings.IdleTimeoutInMinutes (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_SpaceIdleSettings.html);
 * whether idle shutdown is on (IdleSettings.LifecycleManagement ENABLED | DISABLED,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_IdleSettings.html) is set by the
 * administrator on the app type's settings, "at either the domain or user profile level … User
 * profile settings override domain settings" (studio-updated-idle-shutdown.html below). Read, in order of precedence:
 * - a private space: its owner's user profile (UserSettings, DescribeUserProfile), else the domain's DefaultUserSettings;
 * - a shared space (no owner whose profile applies): the domain's DefaultSpaceSettings (JupyterLab only:
 *   DefaultSpaceSettings has no CodeEditorAppSettings), else DefaultUserSettings. DefaultSpaceSettings
 *   carrying idle settings for shared spaces is this tool's reading of the API shape; the guide names
 *   only the domain and user profile levels.
 * Unset everywhere: idle shutdown is off (FAIL). Other app types (JupyterServer, KernelGateway,
 * RStudio, Canvas …) have no idle-shutdown setting: NOT_APPLICABLE. The domain (or owner profile)
 * not collected: ERROR.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_SpaceSettings.html (AppType),
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DefaultSpaceSettings.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UserSettings.html,
 * https://docs.aws.amazon.com/sagemaker/latest/dg/studio-updated-idle-shutdown.html
 */
export const spaceIdleShutdown = defineCheck<DescribeSpaceResponse>({
  id: "sagemaker.space.idle-shutdown",
  title: "Studio JupyterLab and Code Editor spaces shut down idle apps",
  resourceType: TYPE,
  severity: "low",
  rationale: "An app left running keeps its volume mounted and its session reachable with the data loaded; idle shutdown limits how long data stays exposed and how long a hijacked session lives.",
  remediation:
    "Set AppLifecycleManagement.IdleSettings.LifecycleManagement=ENABLED (with IdleTimeoutInMinutes) in the domain's DefaultUserSettings and DefaultSpaceSettings JupyterLabAppSettings / CodeEditorAppSettings, or in the owner's user profile (aws sagemaker update-domain / update-user-profile).",
  evidence: [...EVIDENCE, ...described("Domain"), ...described("UserProfile")],
  evaluate: (s, { resource, inventory }) => {
    const appType = s.SpaceSettings?.AppType;
    const key = appType ? APP_SETTINGS[appType] : undefined;
    if (!key) return notApplicable(`SpaceSettings.AppType is ${shown(appType)}: only JupyterLab and CodeEditor apps have idle shutdown`);
    const domain = resourcesOfType<DescribeDomainResponse>(inventory, "AWS::SageMaker::Domain").find(
      (d) => d.account === resource.account && d.region === resource.region && d.config?.DomainId === s.DomainId,
    );
    if (!domain || domain.gaps.length > 0) return gap(`evidence gap: domain ${shown(s.DomainId)} of the space was not described`, domain?.evidenceIds);
    const sharing = s.SpaceSharingSettings?.SharingType;
    const owner = s.OwnershipSettings?.OwnerUserProfileName;
    const sources: { where: string; value: string | undefined; evidenceIds: string[] }[] = [];
    if (sharing === "Shared") {
      if (key === "JupyterLabAppSettings") sources.push({ where: `domain DefaultSpaceSettings.${key}`, value: lifecycleOf(domain.config?.DefaultSpaceSettings, key), evidenceIds: domain.evidenceIds });
    } else if (owner) {
      const profile = resourcesOfType<DescribeUserProfileResponse>(inventory, "AWS::SageMaker::UserProfile").find(
        (p) => p.account === resource.account && p.region === resource.region && p.config?.DomainId === s.DomainId && p.config?.UserProfileName === owner,
      );
      if (!profile || profile.gaps.length > 0) return gap(`evidence gap: owner user profile ${owner} of the space was not described`, profile?.evidenceIds);
      sources.push({ where: `user profile ${owner} UserSettings.${key}`, value: lifecycleOf(profile.config?.UserSettings, key), evidenceIds: profile.evidenceIds });
    }
    sources.push({ where: `domain DefaultUserSettings.${key}`, value: lifecycleOf(domain.config?.DefaultUserSettings, key), evidenceIds: domain.evidenceIds });
    const effective = sources.find((src) => src.value !== undefined);
    const ids = [...new Set(sources.flatMap((src) => src.evidenceIds))].sort();
    if (!effective) return fail(`${appType} space: AppLifecycleManagement.IdleSettings.LifecycleManagement is not set in ${sources.map((src) => src.where).join(" nor ")}: idle shutdown is off`, ids);
    return effective.value === "ENABLED"
      ? pass(`${appType} space: ${effective.where}.AppLifecycleManagement.IdleSettings.LifecycleManagement is ENABLED`, ids)
      : fail(`${appType} space: ${effective.where}.AppLifecycleManagement.IdleSettings.LifecycleManagement is ${effective.value}`, ids);
  },
});
