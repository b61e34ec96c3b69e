// Finds Chromium for the browser tests: CHROME_PATH, else /usr/bin/chromium; as root it installs
// Debian's package when it is missing; otherwise it says exactly how to get it.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export function findChromium() {
  const candidates = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  for (const c of candidates) if (existsSync(c)) return c;
  if (process.getuid?.() === 0) {
    console.log("Chromium is missing: installing Debian's chromium package (apt-get)…");
    try {
      execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
      execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    } catch {
      // Fall through to the message below.
    }
    if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  console.error(
    [
      "The browser tests need Chromium, and none was found.",
      "  Debian/Ubuntu: sudo apt-get install -y chromium",
      "  Elsewhere: install Chromium or Chrome and set CHROME_PATH=/path/to/chromium",
    ].join("\n"),
  );
  return undefined;
}
