import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The installed package's root: src/ and dist/ both sit one level below it. */
export const PACKAGE_ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BUNDLED_MAPPINGS = fileURLToPath(new URL("../mappings", import.meta.url));
export const TEMPLATES_DIR = fileURLToPath(new URL("../templates", import.meta.url));
export const DEMO_ESTATE = fileURLToPath(new URL("../examples/demo-estate", import.meta.url));

export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;
