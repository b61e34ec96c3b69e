/**
 * The `npm run eval` command as a function (eval/run.ts calls it; tests call it in-process).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { getConfig } from "@/lib/config";
import { formatCard } from "@/lib/eval/format";
import { IdeaSetError, parseIdeaSet } from "@/lib/eval/idea-set";
import { runCard } from "@/lib/eval/run-card";
import { EVAL_TARGETS, type EvalTargetId } from "@/lib/eval/targets";
import { getRefiner } from "@/lib/refine/registry";
import { openaiPairwiseJudge } from "./ask-judge";

const USAGE = "usage: npm run eval -- [--refiner offline|openai] [--set FILE] [--target sd|offline] [--judge] [--json]";
const DEFAULT_SET = path.join(__dirname, "ideas.json");

/** Where the CLI writes: the process's streams, or a test's buffers. */
export type EvalIO = { out: (text: string) => void; err: (text: string) => void };

/** A usage or input problem: the message for stderr, and exit code 2. */
class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

/** The whole command: parses `argv` (without node and the script), runs the card, returns the exit code. */
export async function runEvalCli(argv: string[], io: EvalIO): Promise<number> {
  try {
    await evalCommand(argv, io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`eval: ${e.message}\n`);
      return 2;
    }
    io.err(`eval: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

async function evalCommand(argv: string[], io: EvalIO): Promise<void> {
  let values: { refiner?: string; set?: string; target?: string; judge?: boolean; json?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        refiner: { type: "string" },
        set: { type: "string" },
        target: { type: "string" },
        judge: { type: "boolean" },
        json: { type: "boolean" },
      },
    }));
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  const refinerId = values.refiner ?? "offline";
  if (refinerId !== "offline" && refinerId !== "openai")
    fail(`--refiner must be offline or openai, not ${refinerId}\n${USAGE}`);
  const targetId = (values.target ?? "sd") as EvalTargetId;
  if (!(targetId in EVAL_TARGETS)) fail(`--target must be sd or offline, not ${values.target}\n${USAGE}`);

  const setPath = values.set ?? DEFAULT_SET;
  let text: string;
  try {
    text = readFileSync(setPath, "utf8");
  } catch (e) {
    fail(`cannot read the set file ${setPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let ideas: ReturnType<typeof parseIdeaSet>;
  try {
    ideas = parseIdeaSet(text, setPath);
  } catch (e) {
    if (e instanceof IdeaSetError) fail(e.message);
    throw e;
  }

  const config = getConfig();
  if (values.judge && !config.openai.enabled) {
    fail(
      "--judge needs a chat model and none is configured: set OPENAI_BASE_URL (an OpenAI-compatible server) or OPENAI_API_KEY, and JUDGE_MODEL or REFINE_MODEL.",
    );
  }
  let refiner: ReturnType<typeof getRefiner>;
  try {
    refiner = getRefiner(refinerId);
  } catch (e) {
    fail((e as Error).message);
  }

  const target = EVAL_TARGETS[targetId];
  const card = await runCard({
    refiner,
    ideas,
    target,
    judge: values.judge ? openaiPairwiseJudge() : undefined,
    concurrency: refinerId === "openai" ? 4 : 1,
  });
  if (values.json) {
    const { summary, items } = card;
    io.out(`${JSON.stringify({ summary, items }, null, 2)}\n`);
    return;
  }
  const judged = values.judge ? `, judge ${config.judge.model}` : "";
  const model = refinerId === "openai" ? ` (${config.openai.refineModel})` : "";
  const heading = `Report card: ${refiner.label}${model} on ${path.relative(process.cwd(), setPath) || setPath}, target ${target.label}${judged}`;
  io.out(formatCard(card, heading));
}
