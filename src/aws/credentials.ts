import type { STSClient } from "@aws-sdk/client-sts";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { Clock } from "./limits.js";

/** Refresh assumed credentials this long before they expire, so no call is signed with a dying key. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const SESSION_SECONDS = 3600;

export interface AssumeRoleTarget {
  roleArn: string;
  externalId?: string;
}

/**
 * Credentials of one account's role, assumed through STS with the default chain's credentials and
 * refreshed before they expire. A failed assume is remembered until the next refresh window so
 * that every call of that account fails fast with the same error (each becomes a gap) instead of
 * asking STS again for every request.
 */
export function assumeRoleProvider(sts: STSClient, target: AssumeRoleTarget, clock: Clock): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  let failedAt: number | undefined;
  const assume = async (): Promise<AwsCredentialIdentity> => {
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: target.roleArn,
        RoleSessionName: "sageaudit",
        DurationSeconds: SESSION_SECONDS,
        ...(target.externalId !== undefined ? { ExternalId: target.externalId } : {}),
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${target.roleArn} returned no credentials`);
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken !== undefined ? { sessionToken: c.SessionToken } : {}),
      ...(c.Expiration !== undefined ? { expiration: c.Expiration } : {}),
    };
  };
  return async () => {
    const now = clock.now().getTime();
    if (current && failedAt !== undefined && now - failedAt > REFRESH_MARGIN_MS) current = undefined;
    if (current && failedAt === undefined) {
      const creds = await current;
      if (creds.expiration && creds.expiration.getTime() - now < REFRESH_MARGIN_MS) current = undefined;
    }
    if (!current) {
      failedAt = undefined;
      current = assume().catch((error: unknown) => {
        failedAt = clock.now().getTime();
        throw error;
      });
    }
    return current;
  };
}
