/**
 * The official OpenAI contract (tests/fixtures/openai-contract) compiled with Ajv: the fake
 * checks every request against it, and tests check every answer the fake gives.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ErrorObject, ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { componentsAsJsonSchema } from "./openapi-to-json-schema";

export const CONTRACT_PATH = path.resolve(__dirname, "../../fixtures/openai-contract/openai-subset.openapi.json");

const CONTRACT_ID = "openai-contract";

/** The schemas the fake uses by name; any other component name works too. */
export type ContractSchemaName =
  | "CreateChatCompletionRequest"
  | "CreateChatCompletionResponse"
  | "CreateChatCompletionStreamResponse"
  | "CreateImageRequest"
  | "ImagesResponse"
  | "CreateModerationRequest"
  | "CreateModerationResponse"
  | "ListModelsResponse"
  | "ErrorResponse"
  | (string & {});

export type ContractResult = { valid: true } | { valid: false; errors: string };

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function getAjv(): Ajv2020 {
  if (ajv) return ajv;
  const doc: unknown = JSON.parse(readFileSync(CONTRACT_PATH, "utf8"));
  // allErrors: a 400 from the fake should name every problem at once, like a good server.
  const instance = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(instance);
  // OpenAPI's own formats: `unixtime` is seconds since the epoch, `binary` is file content.
  instance.addFormat("unixtime", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= 0 });
  instance.addFormat("binary", true);
  instance.addSchema(componentsAsJsonSchema(doc, CONTRACT_ID));
  ajv = instance;
  return instance;
}

function validatorFor(name: string): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    const instance = getAjv();
    if (!instance.getSchema(`${CONTRACT_ID}#/$defs/${name}`)) {
      throw new Error(`the OpenAI contract has no schema named ${name}`);
    }
    fn = instance.compile({ $ref: `${CONTRACT_ID}#/$defs/${name}` });
    compiled.set(name, fn);
  }
  return fn;
}

export function formatAjvErrors(errors: ErrorObject[] | null | undefined): string {
  if (!errors?.length) return "";
  return errors
    .map((e) => {
      const where = e.instancePath || "(body)";
      const extra = e.keyword === "enum" ? ` (${JSON.stringify(e.params.allowedValues)})` : "";
      const prop = e.keyword === "additionalProperties" ? ` '${String(e.params.additionalProperty)}'` : "";
      return `${where} ${e.message ?? e.keyword}${prop}${extra}`;
    })
    .join("; ");
}

/** Checks a value against one of the contract's component schemas. */
export function validateAgainstContract(schemaName: ContractSchemaName, value: unknown): ContractResult {
  const fn = validatorFor(schemaName);
  if (fn(value)) return { valid: true };
  return { valid: false, errors: formatAjvErrors(fn.errors) };
}
