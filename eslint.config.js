// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import n from "eslint-plugin-n";
import vitest from "@vitest/eslint-plugin";

// The evaluation core must stay a pure function of evidence: no I/O, no clock.
const pureCoreRestrictions = {
  paths: [
    { name: "fs", message: "The pure core does no I/O." },
    { name: "node:fs", message: "The pure core does no I/O." },
    { name: "node:fs/promises", message: "The pure core does no I/O." },
    { name: "better-sqlite3", message: "The pure core does not touch the store." },
    { name: "pino", message: "The pure core does not log." },
  ],
  patterns: [
    { group: ["@aws-sdk/*"], allowTypeImports: true, message: "Only type imports from the AWS SDK in the pure core." },
    { group: ["**/store/**", "**/collect/**", "**/aws/**", "**/cli/**"], message: "The pure core imports no I/O layer." },
  ],
};

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "reports/**", "data/**", "coverage/**", "examples/**", ".venv/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { n },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "n/prefer-node-protocol": "error",
    },
  },
  {
    files: ["src/checks/**/*.ts", "src/frameworks/evaluate*.ts", "src/report/model.ts", "src/evidence/inventory.ts", "src/evidence/inventory/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", pureCoreRestrictions],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Time comes in as an argument." },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Time comes in as an argument." },
      ],
    },
  },
  {
    files: ["test/**/*.ts"],
    plugins: { vitest },
    rules: {
      ...vitest.configs.recommended.rules,
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      parserOptions: { projectService: false, program: null },
      globals: { process: "readonly", console: "readonly", URL: "readonly", setInterval: "readonly", clearInterval: "readonly" },
    },
  },
);
