import { describe, expect, it } from "vitest";
import { parseLdd } from "./base-rootfs.ts";

describe("parseLdd", () => {
  it("keeps the absolute paths of the libraries and the loader, not the vdso", () => {
    const output = [
      "\tlinux-vdso.so.1 (0x00007ffc)",
      "\tlibstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f3d70400000)",
      "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f3d701f7000)",
      "\t/lib64/ld-linux-x86-64.so.2 (0x00007f3d70712000)",
    ].join("\n");
    expect(parseLdd(output)).toEqual([
      "/lib/x86_64-linux-gnu/libstdc++.so.6",
      "/lib/x86_64-linux-gnu/libc.so.6",
      "/lib64/ld-linux-x86-64.so.2",
    ]);
  });
});
