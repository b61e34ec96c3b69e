/**
 * Which local process holds a TCP connection, told by its ports: Linux's /proc. With several app
 * instances on one machine talking to one fake backend, the fake sees only a client port; this
 * finds the instance (a process group) behind it, so a test can kill the one running a job.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** The socket inode of the connection from local port `clientPort` to port `serverPort`, if one is open. */
function socketInode(clientPort: number, serverPort: number): string | undefined {
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      const local = Number.parseInt(fields[1]?.split(":")[1] ?? "", 16);
      const remote = Number.parseInt(fields[2]?.split(":")[1] ?? "", 16);
      const inode = fields[9];
      if (local === clientPort && remote === serverPort && inode && inode !== "0") return inode;
    }
  }
  return undefined;
}

/** Every pid in process group `pgid` (a detached child's group is its own pid). */
function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so read after the last ")".
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp === pgid) members.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return members;
}

function holds(pid: number, inode: string): boolean {
  const wanted = `socket:[${inode}]`;
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === wanted;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/**
 * The index in `groups` (process group ids) of the group holding the connection from
 * `clientPort` to `serverPort` on this machine; -1 when none does (or the connection is closed).
 */
export function groupHoldingConnection(clientPort: number, serverPort: number, groups: readonly number[]): number {
  const inode = socketInode(clientPort, serverPort);
  if (!inode) return -1;
  return groups.findIndex((pgid) => groupMembers(pgid).some((pid) => holds(pid, inode)));
}
