/** `npm run bench`: every benchmark, each printing its own figures. */
import { runRegisterBench } from "./register-bench.js";
import { runBotBench } from "./bot-bench.js";
import { runReminderBench } from "./reminder-bench.js";
import { runRuntimeBench } from "./runtime-bench.js";
import { runSeveralInstancesBench } from "./several-instances-bench.js";
import { runSharedBucketBench } from "./shared-bucket-bench.js";
import { runWordTrackerBench } from "./word-tracker-bench.js";
import { runReachBench } from "./reach-bench.js";
import { runTabFirstPageBench } from "./tab-first-page.js";

runRegisterBench();
await runWordTrackerBench();
await runBotBench();
await runBotBench("postgresql");
await runReminderBench();
await runRuntimeBench();
await runSeveralInstancesBench();
await runSharedBucketBench();
await runReachBench();
await runTabFirstPageBench();
