import "server-only";
import { getImageFiles, getStore } from "@/lib/store";

/** The store and the image files, in one place so use cases read the same way. */
export function deps() {
  return { store: getStore(), files: getImageFiles() };
}
