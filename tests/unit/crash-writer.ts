/**
 * The victim of crash-store.test.ts: writes through the store and the image files as a
 * generation does (idea + version, a running generation, image files, then the rows in one
 * transaction), over and over, until it is killed. After each commit it prints one line,
 *   C <ideaId> <versionId> <generationId> <imageId,imageId>
 * so the test knows what was committed before the SIGKILL and must have survived it.
 * Now and then it deletes an image (row first, then files), as DELETE /api/images/:id does.
 *   DATA_DIR=/tmp/x node --conditions react-server --import tsx tests/unit/crash-writer.ts
 */
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { newId } from "@/lib/ids";
import type { PromptVersion } from "@/lib/schemas/entities";
import { getImageFiles, getStore } from "@/lib/store";

async function noisePng(side: number): Promise<Buffer> {
  // Random pixels do not compress: a PNG of a few hundred KB to a few MB, so writing it takes a while.
  return sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

async function main(): Promise<void> {
  const store = getStore();
  const files = getImageFiles();
  const pngs = await Promise.all([noisePng(512), noisePng(1024)]);
  await store.listIdeas({ limit: 1 }); // migrations done
  process.stdout.write("ready\n");
  for (let round = 0; ; round++) {
    const now = new Date().toISOString();
    const idea = { id: newId(), text: `crash round ${round}`, title: `Round ${round}`, createdAt: now };
    const version: PromptVersion = {
      id: newId(),
      ideaId: idea.id,
      parentId: null,
      source: "edit",
      instruction: null,
      prompt: `a lighthouse, round ${round}`,
      negativePrompt: null,
      style: null,
      dialect: "prose",
      refiner: "manual",
      model: "manual",
      title: idea.title,
      notes: [],
      parts: null,
      locks: [],
      direction: null,
      approvedAt: null,
      checks: [],
      createdAt: now,
    };
    await store.createIdeaWithVersion(idea, version);
    const generationId = newId();
    await store.createGeneration({
      id: generationId,
      promptId: version.id,
      ideaId: idea.id,
      backend: "offline",
      model: "crash-test",
      params: { size: "1024x1024", n: 2 },
      status: "running",
      progress: 0,
      error: null,
      createdAt: now,
      startedAt: now,
      finishedAt: null,
      durationMs: null,
    });
    const images = [];
    for (const bytes of pngs) {
      const id = newId();
      const { byteSize } = await files.put(id, bytes, "image/png");
      const meta = await sharp(bytes).metadata();
      images.push({
        id,
        generationId,
        promptId: version.id,
        ideaId: idea.id,
        width: meta.width ?? 0,
        height: meta.height ?? 0,
        seed: round,
        mime: "image/png",
        byteSize,
        favorite: false,
        createdAt: now,
      });
    }
    const finishedAt = new Date().toISOString();
    await store.completeGeneration(generationId, images, {
      status: "succeeded",
      progress: 1,
      finishedAt,
      durationMs: 1,
    });
    process.stdout.write(`C ${idea.id} ${version.id} ${generationId} ${images.map((i) => i.id).join(",")}\n`);
    if (round % 3 === 2) {
      const victim = images[0]?.id ?? "";
      // Said before it starts: a kill may land between the row and the files, and then the
      // image may be gone though nothing said so after.
      process.stdout.write(`D ${victim}\n`);
      await store.deleteImage(victim);
      await files.remove(victim);
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
