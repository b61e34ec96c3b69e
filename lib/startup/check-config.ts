import "server-only";
import { accessSync, constants, existsSync } from "node:fs";
import path from "node:path";
import { checkWorkflowFile } from "@/lib/backends/comfyui/load-workflow";
import { getConfig } from "@/lib/config";
import { scrubSecrets } from "@/lib/log";
import { buildPolicy } from "@/lib/safety/policy";

/**
 * Everything wrong with the configuration, as one message for the person starting the server,
 * or undefined when it is fine: the variables (lib/config.ts), then what they name (the moderation
 * policy file, the ComfyUI workflow, the data directory). Run before anything listens
 * (scripts/start.mjs) and again in instrumentation.ts for a plain `next start`.
 * Messages name the variable and never its value: some hold secrets.
 */
export function configurationProblem(): string | undefined {
  let cfg: ReturnType<typeof getConfig>;
  try {
    cfg = getConfig();
  } catch (e) {
    // lib/config.ts already lists every bad variable by name, without values.
    return (e as Error).message;
  }
  const problems: string[] = [];
  const check = (what: () => void) => {
    try {
      what();
    } catch (e) {
      problems.push(`  ${scrubSecrets((e as Error).message)}`);
    }
  };
  if (cfg.moderation.policyFile) {
    const file = cfg.moderation.policyFile;
    // A named policy file is checked even with MODERATION=off: it is a mistake either way.
    check(() => buildPolicy(file));
  }
  if (cfg.comfyuiWorkflow) {
    const file = cfg.comfyuiWorkflow;
    check(() => checkWorkflowFile(file));
  }
  check(() => checkWritable(cfg.dataDir));
  if (problems.length === 0) return undefined;
  return `Promptsmith: invalid configuration:\n${problems.join("\n")}`;
}

/** DATA_DIR, or (when it does not exist yet and will be created) its nearest existing parent, must be writable. */
function checkWritable(dataDir: string): void {
  let dir = dataDir;
  while (!existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`DATA_DIR (${dataDir}) cannot be written${code ? ` (${code})` : ""}.`);
  }
}
