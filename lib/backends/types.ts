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

/** An intermediate frame of an image being made: shown live, never stored. */
export type PreviewFrame = { mime: string; bytes: Uint8Array };

export type GenerateOptions = {
  signal: AbortSignal;
  onProgress?: (fraction: number) => void;
  /**
   * Live frames as the backend hands them out, unthrottled and full size: the caller throttles
   * and shrinks them (lib/jobs/preview-relay.ts). Absent: the backend should not even ask for them.
   */
  onPreview?: (frame: PreviewFrame) => void;
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
