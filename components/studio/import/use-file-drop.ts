"use client";

import { useEffect, useRef, useState } from "react";

/** True when a drag carries files (not text or a link dragged within the page). */
export function carriesFiles(dt: DataTransfer | null | undefined): boolean {
  return !!dt && Array.from(dt.types ?? []).includes("Files");
}

/** Some browsers miss the last dragleave (leaving the window fast, Esc): forget the drag after this. */
const STALE_MS = 1200;

/**
 * Files dropped anywhere on the page go to `onFiles` (and the browser does not open them).
 * Returns whether files are being dragged over the page now, for an overlay.
 * Listens on the window while mounted; drags of text within the page are left alone.
 */
export function useFileDrop(onFiles: (files: FileList) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const handler = useRef(onFiles);
  useEffect(() => {
    handler.current = onFiles;
  });

  useEffect(() => {
    let depth = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      depth = 0;
      if (timer) clearTimeout(timer);
      timer = undefined;
      setDragging(false);
    };
    const keepAlive = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(stop, STALE_MS);
    };

    const onEnter = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      depth += 1;
      setDragging(true);
      keepAlive();
    };
    const onOver = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      // Without this the browser refuses the drop (or opens the file in the tab).
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
      setDragging(true);
      keepAlive();
    };
    const onLeave = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) stop();
    };
    const onDrop = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      stop();
      const files = e.dataTransfer?.files;
      if (files && files.length > 0) handler.current(files);
    };

    window.addEventListener("dragenter", onEnter);
    window.addEventListener("dragover", onOver);
    window.addEventListener("dragleave", onLeave);
    window.addEventListener("drop", onDrop);
    return () => {
      window.removeEventListener("dragenter", onEnter);
      window.removeEventListener("dragover", onOver);
      window.removeEventListener("dragleave", onLeave);
      window.removeEventListener("drop", onDrop);
      if (timer) clearTimeout(timer);
    };
  }, []);

  return dragging;
}
