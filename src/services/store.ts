/**
 * The database handle that services take, named here so that callers above services (the bot) pass it
 * on without importing src/data/ themselves.
 */
export type { Store } from "../data/database.js";
