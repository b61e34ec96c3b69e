/**
 * `npm run eval -- [--refiner offline|openai] [--set FILE] [--target sd|offline] [--judge] [--json]`:
 * the report card for refiners (issue 11). Runs a set of ideas (default eval/ideas.json) through a
 * refiner and prints, per idea and overall, what the prompt kept of the idea, what it contradicted,
 * whether it fits the target's budget, how much anatomy and checklist it wrote. The figures are
 * lib/eval's pure functions; eval/floors.json holds the floors CI holds them to.
 * Exit 0 with a card; 2 for a bad argument, a bad set file or an unconfigured refiner or judge.
 */
import { runEvalCli } from "./cli";

runEvalCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
