/**
 * Imported first by the bot's entry (src/index.ts), so the compile cache is on before the heavy modules
 * (botbuilder, teams-ai, Prisma) are evaluated: ES modules run their imports in order. The outcome is kept
 * for the entry to log once it has a logger.
 */
import { enableCompileCache } from "./compile-cache.js";

export const compileCache = enableCompileCache();
