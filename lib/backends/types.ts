import type { Capabilities } from "@/lib/schemas/catalog";

export type GenerateRequest = {
  prompt: string;
  negativePrompt?: string;
  size: string;
  n: number;
  seed?: number;
  steps?: number;
  guidance?: number;
  quality?: string;
  sampler?: string;
  checkpoint?: string;
};

export type GeneratedImage = {
  bytes: Uint8Array;
  mime: string;
  width: number;
  height: number;
  seed?: number;
  meta?: Record<string, unknown>;
};

export type GenerateOptions = {
  signal: AbortSignal;
  onProgress?: (fraction: number) => void;
};

export interface ImageBackend {
  id: string;
  label: string;
  model: string;
  capabilities: Capabilities;
  isConfigured(): boolean;
  generate(req: GenerateRequest, opts: GenerateOptions): Promise<GeneratedImage[]>;
  /** The checkpoints the server has, for backends with capabilities.checkpoints. */
  listCheckpoints?(opts: { signal: AbortSignal }): Promise<string[]>;
}
