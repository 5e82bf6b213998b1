/** `npm run bench`: every benchmark, each printing its own figures. */
import { runRegisterBench } from "./register-bench.js";

await runRegisterBench();
