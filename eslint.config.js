// Lint rules: typescript-eslint's recommended type-checked set over the TypeScript sources, tests, benchmarks and scripts.
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "src/generated/**",
      "dist/**",
      "node_modules/**",
      "test-artifacts/**",
      "coverage/**",
      "build/**",
      "**/*.js",
      "**/*.mjs",
      "**/*.cjs",
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A leading underscore says "deliberately unused" (a destructured field left out, a table column not read).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // vitest types its asymmetric matchers (expect.any, expect.stringContaining, ...) as any, so every
    // expected object holding one would otherwise be flagged.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },
);
