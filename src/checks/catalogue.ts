import { cloudtrailKmsEncrypted, cloudtrailLogFileValidation, cloudtrailMultiRegionLogging } from "./cloudtrail/trail.js";
import {
  notebookDirectInternetDisabled,
  notebookInVpc,
  notebookKmsEncrypted,
  notebookRootAccessDisabled,
} from "./sagemaker/notebook.js";
import type { Check } from "./types.js";

/** Every check the tool knows, in catalogue order. Ids are a public contract. */
export const CATALOGUE: readonly Check[] = [
  notebookDirectInternetDisabled,
  notebookInVpc,
  notebookKmsEncrypted,
  notebookRootAccessDisabled,
  cloudtrailMultiRegionLogging,
  cloudtrailLogFileValidation,
  cloudtrailKmsEncrypted,
];

export const CHECK_IDS: ReadonlySet<string> = new Set(CATALOGUE.map((c) => c.id));

export function checkById(id: string): Check | undefined {
  return CATALOGUE.find((c) => c.id === id);
}
